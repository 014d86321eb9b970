// Shared measurement helpers for the Chord experiments.
import type { LookupOutcome } from '../chord-sim.ts';
import type { ChordSimulation } from '../chord-sim.ts';
import type { NodeId, RingId } from '../../wire/ids.ts';
import { mean, percentile } from '../overlays/world.ts';

export function randomLookups(sim: ChordSimulation, count: number): { from: NodeId; key: RingId }[] {
  const ids = sim.liveIds();
  return Array.from({ length: count }, () => ({ from: ids[sim.rng.int(ids.length)] as NodeId, key: sim.randomId() }));
}

export function summarize(outcomes: readonly (LookupOutcome | undefined)[]): {
  lookups: number;
  failed: number;
  meanHops: number;
  p1Hops: number;
  p99Hops: number;
  maxHops: number;
  meanTimeouts: number;
  messagesPerLookup: number;
} {
  const done = outcomes.filter((o): o is LookupOutcome => o !== undefined);
  const ok = done.filter((o) => o.correct);
  const hops = ok.map((o) => o.hops);
  return {
    lookups: outcomes.length,
    failed: outcomes.length - ok.length,
    meanHops: mean(hops),
    p1Hops: percentile(hops, 1),
    p99Hops: percentile(hops, 99),
    maxHops: hops.reduce((a, b) => Math.max(a, b), 0),
    meanTimeouts: mean(done.map((o) => o.timeouts)),
    messagesPerLookup: mean(done.map((o) => o.messages)),
  };
}

export { mean, percentile };
