// `npm run sim -- merge`: how long rings that formed apart take to become one exact ring once their
// members meet (ring-merge.ts), with the browser's core settings (BROWSER_CHORD). Tabs that start
// together each start a ring when trystero's room is slow to show them to each other (bench:mesh
// --timeline); this measures the merge that follows without the noise of Chromium on 2 cores.
// Every member of each ring meets members of two other rings (the room), then the clock runs until
// every node's successor and predecessor are the oracle's. Rings of one are left out: the runtime
// joins a ring of one to the first lower peer it sees, not through introductions.
import { BROWSER_CHORD, type ChordInit } from '../../dht/config.ts';
import { createChordSimulation } from '../chord-sim.ts';
import { checkInvariants } from '../invariants.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';

export const mergeDefaults = { shapes: [[8, 2], [4, 4], [2, 8], [4, 8]] as const, stabilizeMs: [2_000, 5_000], seeds: 5, limitMs: 120_000, stepMs: 500 };

/** Seconds from the first meeting until the ring is exact, or null when it was not within the limit. */
function mergeSeconds(seed: number, count: number, size: number, chord: ChordInit): number | null {
  const sim = createChordSimulation({ nodes: 0, seed, successors: chord.successors ?? 3, chord });
  const rings = sim.createApartRings(count, size);
  for (let r = 0; r < count; r++) {
    for (const a of rings[r] ?? []) {
      for (let k = 0; k < 2; k++) {
        const other = rings[(r + 1 + sim.rng.int(count - 1)) % count] ?? [];
        const b = other[sim.rng.int(other.length)];
        if (b !== undefined) sim.introduce(a, b);
      }
    }
  }
  for (let waited = 0; waited < mergeDefaults.limitMs; ) {
    sim.runFor(mergeDefaults.stepMs);
    waited += mergeDefaults.stepMs;
    if (checkInvariants(sim, true).length === 0) return waited / 1000;
  }
  return null;
}

export function runMerge(opts: ExperimentOptions): ExperimentResult {
  const seeds = opts.seeds ?? mergeDefaults.seeds;
  const rows: Record<string, unknown>[] = [];
  for (const stabilizeMs of mergeDefaults.stabilizeMs) {
    for (const [rings, size] of mergeDefaults.shapes) {
      const times: (number | null)[] = [];
      for (let s = 0; s < seeds; s++) times.push(mergeSeconds(opts.seed + s, rings, size, { ...BROWSER_CHORD, stabilizeMs }));
      const done = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
      rows.push({
        stabilizeMs,
        rings,
        nodesPerRing: size,
        seeds,
        minSeconds: done[0] ?? null,
        medianSeconds: done[Math.floor((done.length - 1) / 2)] ?? null,
        maxSeconds: done.at(-1) ?? null,
        notMerged: times.length - done.length,
      });
      opts.log(`merge: ${rings} rings of ${size}, stabilize ${stabilizeMs} ms → ${times.map((t) => (t === null ? 'never' : `${t} s`)).join(', ')}`);
    }
  }
  return {
    experiment: 'merge',
    note: `virtual seconds from the first meetings until every successor and predecessor is the oracle's (checked every ${mergeDefaults.stepMs} ms, given up after ${mergeDefaults.limitMs / 1000} s); browser core settings (BROWSER_CHORD) with the stabilize period of the row; every member meets members of two other rings`,
    rows,
    table: formatTable(rows, ['stabilizeMs', 'rings', 'nodesPerRing', 'seeds', 'minSeconds', 'medianSeconds', 'maxSeconds', 'notMerged']),
  };
}

export const merge: OverlayExperiment = { name: 'merge', describe: 'rings that formed apart: seconds until one exact ring once members meet (browser settings)', defaults: mergeDefaults, run: runMerge };
