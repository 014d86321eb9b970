// Joins this tab to the ring and plugs it into the app (the wiring point of src/ui/main.ts): the
// node's status and lookups feed the NodeView the status bar, ring view and stats read; its
// replicated store backs the notebooks. Failure to start (no WebRTC, no identity slot) leaves the
// app local-only and says why.
import { startTabNode, type TabNode } from '../runtime/tab-node.ts';
import { createNotebookRemote } from '../runtime/notebook-remote.ts';
import type { ChordpadApp } from './chordpad-app.ts';
import { NodeViewModel } from './node-view-model.ts';
import { storageView } from './storage-view.ts';

/** How often the stats panel's storage figures are refreshed (ms). */
const STORAGE_REFRESH_MS = 2_000;
/**
 * The replication factor R the tab's store runs with: the store's default (REPLICAS in
 * src/dht/replication/replica-set.ts), which startTabNode does not change. Restated because the
 * UI may not import the core.
 */
const REPLICAS = 3;

export async function connectToRing(app: ChordpadApp): Promise<TabNode | null> {
  if (!window.isSecureContext || typeof RTCPeerConnection === 'undefined') {
    console.warn('Chordpad: no secure context or no WebRTC here; notes stay on this device.');
    return null;
  }
  let tab: TabNode;
  try {
    tab = await startTabNode();
  } catch (error) {
    console.warn(`Chordpad: could not join the ring (${String(error)}); notes stay on this device.`);
    return null;
  }
  const { node } = tab;
  const view = new NodeViewModel(node.self);
  view.setBrowserStatus(node.status());
  node.onStatus((s) => view.setBrowserStatus(s));
  // Every lookup this node makes, maintenance included: the app's reads and writes travel as
  // store routes that report no path, so the finger and join lookups are the paths there are to draw.
  node.driver.onEvent((event) => {
    if (event.type === 'lookup_done') view.addLookup(event);
  });
  const refreshStorage = (): void => {
    const status = node.status();
    view.setStorage(
      storageView({
        self: node.self,
        predecessor: status.predecessor,
        successors: status.successors,
        links: status.links,
        keys: node.driver.node.storeSnapshot().keys,
        replicas: REPLICAS,
      }),
    );
  };
  refreshStorage();
  setInterval(refreshStorage, STORAGE_REFRESH_MS);
  await app.connect({ remote: node.store ? createNotebookRemote(node.store, node.self) : undefined, node: view });
  return tab;
}
