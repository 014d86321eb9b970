// Moving keys when membership changes (DESIGN.md §6), as plans the node carries out:
// - a joining node pulls (predecessor, self] from its successor (joinPullRange);
// - a primary whose view changed (new predecessor after a failure, new or lost successors)
//   re-replicates each key it is primary for to the replicas that did not hold it before
//   (rereplicationPlan). Over-sending is harmless (merge is idempotent); anti-entropy catches misses.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { RingRange } from '../../ports/record-store.ts';
import { inRingRange } from '../../ports/record-store.ts';
import { REPLICAS, replicaSet } from './replica-set.ts';

/** What a node knows of its neighbourhood at one moment. */
export interface NeighbourView {
  /** Undefined while unknown (then the node assumes it is primary for nothing). */
  predecessor: NodeId | undefined;
  /** Nearest first; at least R − 1 entries for exact replica sets. */
  successors: readonly NodeId[];
}

/** The keys a node is primary for: (predecessor, self]; everything when it is alone. */
export function primaryRange(self: NodeId, predecessor: NodeId | undefined): RingRange | undefined {
  if (predecessor === undefined) return undefined;
  return { from: predecessor, to: self };
}

/** The range a freshly joined node asks its successor for. */
export function joinPullRange(self: NodeId, predecessor: NodeId): RingRange {
  return { from: predecessor, to: self };
}

export interface Transfer {
  to: NodeId;
  keys: KeyId[];
}

/**
 * For every held key that `self` is primary for under `after`: send it to each replica of the new
 * replica set that was not in the old one (all of them when `self` was not primary before, for
 * example after its predecessor failed). Transfers are grouped per destination, keys sorted.
 */
export function rereplicationPlan(self: NodeId, keys: readonly KeyId[], before: NeighbourView | undefined, after: NeighbourView, r: number = REPLICAS): Transfer[] {
  const range = primaryRange(self, after.predecessor);
  if (!range) return [];
  const beforeRange = before ? primaryRange(self, before.predecessor) : undefined;
  const out = new Map<NodeId, KeyId[]>();
  for (const key of keys) {
    if (!inRingRange(key, range)) continue;
    const now = replicaSet(key, [self, ...after.successors], r);
    const was = before && beforeRange && inRingRange(key, beforeRange) ? new Set(replicaSet(key, [self, ...before.successors], r)) : new Set<NodeId>([self]);
    for (const node of now) {
      if (was.has(node)) continue;
      const list = out.get(node) ?? [];
      list.push(key);
      out.set(node, list);
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([to, list]) => ({ to, keys: list.sort() }));
}

/**
 * Keys `self` no longer needs to keep: outside every range it replicates. `replicatedRange` is
 * (the R-th predecessor, self], which the node learns from its predecessor's own view; pass
 * undefined to release nothing (the safe default until that is known).
 */
export function releasableKeys(keys: readonly KeyId[], replicatedRange: RingRange | undefined): KeyId[] {
  if (!replicatedRange) return [];
  return keys.filter((k) => !inRingRange(k, replicatedRange));
}
