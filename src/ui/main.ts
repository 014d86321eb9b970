// Entry of index.html: defines the elements, mounts the shell, registers the service worker.
//
// The DHT is plugged in here once the runtime exists (the lead's wiring point):
//   const node = new NodeViewModel(selfId);          // src/ui/node-view-model.ts
//   // runtime: node.setTopology(chord.snapshot()) after each effect batch,
//   //          node.addLookup(e) on 'lookup_done', node.setStorage(...), node.setStatus(...)
//   await app.connect({ remote: <NotebookRemote over set records>, node });
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
