// Seeded random rings and an oracle of the true replica sets (sorted array of all live ids).
import type { Rng } from '../../../src/ports/rng.ts';
import { randomHex } from '../../../src/dht/prng.ts';
import { asKeyId, asNodeId, type KeyId, type NodeId } from '../../../src/wire/ids.ts';
import type { NeighbourView } from '../../../src/dht/replication/handoff.ts';

export const randomNodeId = (rng: Rng): NodeId => asNodeId(randomHex(rng, 40));
export const randomKeyId = (rng: Rng): KeyId => asKeyId(randomHex(rng, 40));

/** A small-id ring for wrap-around cases: ids near 0 and near 2^160. */
export function edgyId(rng: Rng): string {
  const roll = rng.int(3);
  if (roll === 0) return '0'.repeat(38) + randomHex(rng, 2);
  if (roll === 1) return 'f'.repeat(38) + randomHex(rng, 2);
  return randomHex(rng, 40);
}

/** Oracle: the first r ids of the sorted ring at or after `key`, wrapping. */
export function oracleReplicas(sorted: readonly NodeId[], key: KeyId, r: number): NodeId[] {
  let start = sorted.findIndex((n) => (n as string) >= (key as string));
  if (start < 0) start = 0;
  const out: NodeId[] = [];
  for (let i = 0; i < Math.min(r, sorted.length); i++) out.push(sorted[(start + i) % sorted.length]!);
  return out;
}

/** A node's view of a ring given as sorted ids: predecessor and `successors` successors. */
export function viewIn(sorted: readonly NodeId[], self: NodeId, successors: number): NeighbourView {
  const i = sorted.indexOf(self);
  const n = sorted.length;
  const succ: NodeId[] = [];
  for (let k = 1; k <= Math.min(successors, n - 1); k++) succ.push(sorted[(i + k) % n]!);
  return { predecessor: sorted[(i - 1 + n) % n]!, successors: succ };
}
