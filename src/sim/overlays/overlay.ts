// The one interface the comparison runs every overlay through, so that one experiment gives each
// overlay the same node set, the same keys, the same failure set and the same seed.
//
// Nodes are named by their index into the shared sorted id array (`OverlayWorld.ids`), keys are
// 32-bit positions (id-space.ts). Lookups are message-level: they travel hop by hop on a
// SimNetwork with latency and time out at failed nodes.
import type { SimNetwork } from './sim-network.ts';

export type OverlayName = 'chord' | 'kademlia' | 'pastry' | 'can' | 'flood' | 'walk';

export interface LookupResult {
  /** The lookup ended at a node that it believes owns (structured) or holds (unstructured) the key. */
  found: boolean;
  /** Index of that node. */
  owner?: number;
  /** Hops on the path that reached `owner` (the final hop to the owner counts). */
  hops: number;
  /** Every message the lookup caused, including duplicates, replies and sends to dead nodes. */
  messages: number;
  /** Sends that timed out at failed nodes. */
  timeouts: number;
  /** Virtual time from start to answer (ms). */
  latencyMs: number;
  /** The lookup gave up (TTL spent, no live candidate left, or hop limit). */
  timedOut?: boolean;
}

export interface Overlay {
  readonly name: OverlayName;
  /** Human label, e.g. "kademlia (static, k=20, α=3)". */
  readonly label: string;
  /** How the routing state was made: "static" (from the oracle) or "protocol" (joins + stabilize). */
  readonly construction: 'static' | 'protocol';
  readonly network: SimNetwork;
  /** Runs one lookup for `key` from node index `from` to completion on the network. */
  lookup(from: number, key: number): LookupResult;
  /** The oracle: is `result` the right answer for `key` given who is alive now? */
  isCorrect(key: number, result: LookupResult): boolean;
  /** Fails nodes silently: no table is repaired; senders discover them by timeouts. */
  fail(indexes: ArrayLike<number>): void;
  /** Mean routing-state entries (distinct contacts) per node, over `sample` nodes (all when omitted). */
  stateEntriesPerNode(sample?: ArrayLike<number>): number;
  /** Owner node index (oracle, all nodes alive) of each key: the storage load per node. */
  keyOwner(key: number): number;
}

/** Counts per node of `keys` stored by `overlay` (oracle owners). */
export function keyLoad(overlay: Overlay, nodes: number, keys: ArrayLike<number>): Uint32Array {
  const counts = new Uint32Array(nodes);
  for (let i = 0; i < keys.length; i++) {
    const o = overlay.keyOwner(keys[i] ?? 0);
    counts[o] = (counts[o] ?? 0) + 1;
  }
  return counts;
}
