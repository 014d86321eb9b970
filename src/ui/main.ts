// Entry of index.html: defines the elements, mounts the shell, registers the service worker.
//
// The DHT is plugged in here once the runtime exists (the lead's wiring point):
//   const view = new NodeViewModel(browserNode.self);          // src/ui/node-view-model.ts
//   browserNode.onStatus((s) => view.setBrowserStatus(s));    // topology + joining/online/offline
//   // on each core 'lookup_done' event: view.addLookup(e); on store changes: view.setStorage(...)
//   await app.connect({ remote: createNotebookRemote(storeRuntime), node: view });
// Until then the app runs local only and the network views say "not connected".

import './chordpad-app.ts';
import { registerServiceWorker } from './sw-register.ts';

const app = document.querySelector('chordpad-app') ?? document.body.appendChild(document.createElement('chordpad-app'));

const build: unknown = import.meta.env['VITE_CHORDPAD_BUILD'];
app.build = typeof build === 'string' ? build : 'dev';

// Only the production build has a service worker (vite-plugin-pwa writes sw.js into dist/).
if (import.meta.env.PROD) {
  registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`, (update) => {
    app.pendingUpdate = update;
  });
}
