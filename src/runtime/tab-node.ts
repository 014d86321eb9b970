// Everything a tab needs to become a ring member with its own persistent identity and records
// (DESIGN.md §7): claim an identity slot (Web Locks), open that slot's IndexedDB record store,
// use WebCrypto Ed25519 to verify records, and start the browser node with them. A reload gets
// the same slot back, hence the same node id and the records it held.
import { recordRules } from '../dht/records/rules.ts';
import { relayUrlsForPage } from '../net/relay-config.ts';
import { createIdbStore } from '../store/idb-store.ts';
import { claimIdentitySlot, IdentityError } from '../store/identity-slots.ts';
import { createWebCryptoEd25519 } from '../store/webcrypto-ed25519.ts';
import { startBrowserNode, type BrowserNode, type BrowserNodeInit } from './browser-node.ts';
import { chordpadError } from './errors.ts';

export interface TabNode {
  node: BrowserNode;
  /** Leaves the ring and gives the identity slot back. */
  stop(): Promise<void>;
}

export async function startTabNode(init: Partial<Omit<BrowserNodeInit, 'nodeId'>> & { namespace?: string } = {}): Promise<TabNode> {
  let claim;
  try {
    claim = await claimIdentitySlot(init.namespace ? { namespace: init.namespace } : {});
  } catch (error) {
    throw chordpadError('no_identity', error instanceof IdentityError ? error.message : String(error));
  }
  const records = await createIdbStore({ name: claim.identity.recordsDbName }, { rules: recordRules });
  const node = await startBrowserNode(
    { relayUrls: relayUrlsForPage(), ...init, nodeId: claim.identity.nodeId },
    { records, crypto: createWebCryptoEd25519() },
  );
  return {
    node,
    async stop() {
      await node.stop();
      await claim.release();
    },
  };
}
