// Entry of index.html: defines the elements, mounts the shell, registers the service worker, and
// joins this tab to the ring (ring-connection.ts). Until the ring answers, the app works local
// only and the network views say so.

import type { TabNode } from '../runtime/tab-node.ts';
import './chordpad-app.ts';
import type { ChordpadApp } from './chordpad-app.ts';
import { connectToRing } from './ring-connection.ts';
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

declare global {
  interface Window {
    /**
     * This tab's app and ring node, once the node started: for the devtools console and for
     * end-to-end tests that act as a misbehaving peer (a forged write through the runtime).
     */
    chordpad?: { readonly app: ChordpadApp; readonly tab: TabNode };
  }
}

void connectToRing(app).then((tab) => {
  if (tab) window.chordpad = { app, tab };
});
