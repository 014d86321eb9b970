// Keeping R copies as the ring changes (DESIGN.md §6). After every core call the node compares
// its neighbourhood (predecessor, first R−1 successors) with the one it last acted on:
// - a new predecessor: pull (predecessor, self] from our first R successors (a joining node takes
//   over its range; after a failure this is a cheap no-op when we already hold it);
// - any change: re-replicate the keys we are primary for to replicas that did not have them
//   (rereplicationPlan), so a failure's lost copies are restored without waiting for anti-entropy.
import type { NodeState } from '../node-state.ts';
import { rereplicationPlan } from '../replication/handoff.ts';
import { replicaSuccessors } from './replica-view.ts';
import { peekStore } from './store-state.ts';
import { pull } from './transfer.ts';

export function afterChange(node: NodeState, now: number): void {
  const store = peekStore(node);
  if (!store || !node.joined) return;
  if (store.nextAntiEntropyAt === Infinity) store.nextAntiEntropyAt = now + (0.5 + node.rng.next()) * store.config.antiEntropyMs;
  const predecessor = node.predecessor !== null && !node.lost.has(node.predecessor) ? node.predecessor : null;
  const successors = replicaSuccessors(node);
  const before = store.view;
  if (before.predecessor === predecessor && before.successors.length === successors.length && before.successors.every((s, i) => s === successors[i])) return;
  store.view = { predecessor, successors };
  if (predecessor === null) return; // wait until we know our range
  if (predecessor !== before.predecessor) {
    // Pull from the first R successors, not only the first: after several joins in a row the
    // range's records may sit only further down (the first successor may itself be pulling).
    let asked = 0;
    for (const peer of node.successors) {
      if (asked >= store.config.replicas) break;
      if (peer === node.self || node.lost.has(peer)) continue;
      asked++;
      store.count('range_pulls');
      pull(node, peer, [], { from: predecessor, to: node.self }, now);
    }
  }
  const keys = store.table.keysInRange({ from: predecessor, to: node.self });
  if (keys.length === 0) return;
  const plan = rereplicationPlan(
    node.self,
    keys,
    before.predecessor === null ? undefined : { predecessor: before.predecessor, successors: before.successors },
    { predecessor, successors },
    store.config.replicas,
  );
  for (const transfer of plan) {
    const records = transfer.keys.flatMap((key) => {
      const record = store.table.get(key);
      return record ? [{ key, record }] : [];
    });
    store.count('rereplicated');
    for (const { key, record } of records) {
      node.request(transfer.to, (rid) => ({ type: 'store_replicate', rid, key, record }), now, { onReply: () => {}, onFail: () => {} });
    }
  }
}
