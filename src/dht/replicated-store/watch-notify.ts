// The primary's side of a watch (DESIGN.md §6): when its copy of a watched record changes, it sends
// every watcher a `store_changed`, routed to the watcher's own id. The notification carries only the
// key: the watcher fetches the record through the primary as any read does (which verifies it and
// joins the replicas' copies), so a burst of writes costs each watcher a few small messages.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { NodeState } from '../node-state.ts';
import { originate } from '../routing.ts';
import { emitStoreEvent } from './ingest.ts';
import { peekStore } from './store-state.ts';
import { activeWatchers } from './watch-leases.ts';

/** `key` changed here, brought by `from` (the writer, or the replica that sent it). */
export function notifyWatchers(node: NodeState, key: KeyId, from: NodeId | null, now: number): void {
  const store = peekStore(node);
  if (!store || store.watches.size === 0) return;
  for (const watcher of activeWatchers(store.watches, key, now)) {
    if (watcher === from) continue; // the writer has what it wrote
    if (watcher === node.self) {
      emitStoreEvent(node, { type: 'record_changed', key });
      continue;
    }
    originate(node, node.newLid(), watcher, { kind: 'store_changed', key, watcher }, false, now);
  }
}
