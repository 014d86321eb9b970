// What this tab stores and how well it is replicated, from what the node itself knows (DESIGN.md
// §6): the keys in its store, its predecessor, its successors and which of them it has a live
// link to. Pure, so the stats panel's figures can be checked against hand-built rings.
//
// A node is the primary of the keys in (predecessor, self]; their replica set is this node and
// its next R−1 successors. Those records are "fully replicated" when R−1 distinct successors are
// linked right now, "under-replicated" otherwise (a ring smaller than R, or a successor lost and
// not yet replaced). The other records it holds are copies for the R−1 nodes before it; their
// primaries judge those, so they are counted, not judged.

import type { HexId, KeyRange, ReplicationHealth, StoredKey } from './node-view.ts';

export interface StorageInput {
  readonly self: HexId;
  readonly predecessor: HexId | null;
  readonly successors: readonly HexId[];
  /** Peers with an open link now. */
  readonly links: readonly HexId[];
  /** Every key this node stores. */
  readonly keys: readonly HexId[];
  /** The replication factor R. */
  readonly replicas: number;
}

export interface StorageView {
  readonly storedRanges: readonly KeyRange[];
  readonly storedKeys: readonly StoredKey[];
  readonly records: number;
  readonly replication: ReplicationHealth;
}

/** key ∈ (from, to] on the ring; from === to is the whole ring (a ring of one). */
export function inRange(key: HexId, from: HexId, to: HexId): boolean {
  if (from === to) return true;
  return from < to ? key > from && key <= to : key > from || key <= to;
}

export function storageView(input: StorageInput): StorageView {
  const { self, predecessor } = input;
  const linked = new Set(input.links);
  const liveSuccessors = new Set(input.successors.filter((s) => s !== self && linked.has(s))).size;
  const full = liveSuccessors >= input.replicas - 1;
  // With no predecessor known yet the node cannot tell which keys are its own: it judges none.
  const storedKeys = input.keys.map((key) => ({ key, primary: predecessor !== null && inRange(key, predecessor, self) }));
  const primaries = storedKeys.filter((k) => k.primary).length;
  return {
    storedRanges: predecessor ? [{ from: predecessor, to: self, primary: true }] : [],
    storedKeys,
    records: input.keys.length,
    replication: {
      healthy: full ? primaries : 0,
      underReplicated: full ? 0 : primaries,
      replicaCopies: input.keys.length - primaries,
      replicas: input.replicas,
      liveReplicas: Math.min(input.replicas, 1 + liveSuccessors),
    },
  };
}
