// Entry of index.html: defines the elements, mounts the shell, registers the service worker, and
// joins this tab to the ring (ring-connection.ts). Until the ring answers, the app works local
// only and the network views say so.

import './chordpad-app.ts';
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

void connectToRing(app);
