// Which nodes hold a key (DESIGN.md §6): its successor and the next R−1 successors.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import { clockwise } from './ring-arith.ts';

/** Replication factor: copies of every record. 3 survives any 2 simultaneous failures. */
export const REPLICAS = 3;
/** Write quorum: acks from persisted replicas before a put is acknowledged (2 of 3, a majority). */
export const WRITE_QUORUM = 2;

/**
 * The first `r` distinct nodes clockwise from `key` (a node whose id equals the key is its
 * successor). `view` is the caller's knowledge of the ring, in any order: typically the primary's
 * [self, ...successorList], or [predecessor, self, ...successorList]. Correct whenever the view
 * holds the key's true first `r` successors, which a primary's view does when its successor list
 * has at least r − 1 entries (the simulator runs r = 20, the browser default is ≥ R).
 */
export function replicaSet(key: KeyId, view: readonly NodeId[], r: number = REPLICAS): NodeId[] {
  const distinct = [...new Set(view)];
  const withDistance = distinct.map((n) => ({ n, d: clockwise(key, n) }));
  withDistance.sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));
  return withDistance.slice(0, r).map((x) => x.n);
}
