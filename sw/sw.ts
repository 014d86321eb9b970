// The service worker: precache the app shell (the list vite-plugin-pwa injects at build time),
// answer navigations from the precached index.html so the app opens offline, and switch to a new
// version only when the page asks (the "new version available — reload" prompt). It holds no DHT
// state: service workers have no RTCPeerConnection, and notes live in the page's IndexedDB.

import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation (including /#nb=… links) gets the app shell; lab.html is precached on its own
// and matched by precacheAndRoute before this route.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/lab(\.html)?$/] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && Reflect.get(data, 'type') === 'SKIP_WAITING') void self.skipWaiting();
});
