// Which neighbour a node compares digests with, and over which range, on a given anti-entropy
// round (DESIGN.md §6). The primary of (predecessor, self] checks that range with each of its
// R−1 replicas in turn, so every replica set is compared once per R−1 rounds.
import type { NodeId } from '../../wire/ids.ts';
import type { RingRange } from '../../ports/record-store.ts';
import { primaryRange, type NeighbourView } from './handoff.ts';
import { REPLICAS } from './replica-set.ts';

/**
 * Anti-entropy period: 60 s, twice the default stabilize period (src/dht/config.ts, 30 s). One
 * digest exchange per node per period, 16 digests of ~100 bytes; a replica that missed a write is
 * found within (R−1) × 60 s = 2 min even if every push was lost. Run a round early after a
 * membership change, as a wake-up re-verifies successors.
 */
export const ANTI_ENTROPY_MS = 60_000;

export interface AntiEntropyTarget {
  peer: NodeId;
  range: RingRange;
}

/** The comparison for anti-entropy round `round` (0, 1, 2, …), or undefined when there is nobody to compare with. */
export function antiEntropyTarget(self: NodeId, view: NeighbourView, round: number, r: number = REPLICAS): AntiEntropyTarget | undefined {
  const range = primaryRange(self, view.predecessor);
  const replicas = view.successors.filter((s) => s !== self).slice(0, Math.max(0, r - 1));
  if (!range || replicas.length === 0) return undefined;
  return { peer: replicas[round % replicas.length]!, range };
}
