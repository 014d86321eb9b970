// `npm run sim -- merge`: how long rings that formed apart take to become one exact ring once their
// members meet (ring-merge.ts), with the browser's core settings (BROWSER_CHORD). Tabs that start
// together each start a ring when trystero's room is slow to show them to each other (bench:mesh
// --timeline); this measures the merge that follows without the noise of Chromium on 2 cores.
// Two ways of meeting: `members` — every member of each ring meets members of two other rings at
// once; `greeters` — as in the browser runtime, where only a ring's greeters stay in the room: one
// member of each ring meets one member of the next ring, and meets it again every 2.5 s
// (browser-node.ts re-introduces peers that stay in the room). Then the clock runs until every
// node's successor and predecessor are the oracle's. Rings of one are left out: the runtime joins
// a ring of one to a bigger ring it sees, not through introductions.
import { BROWSER_CHORD, type ChordInit } from '../../dht/config.ts';
import { createChordSimulation } from '../chord-sim.ts';
import { checkInvariants } from '../invariants.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import type { NodeId } from '../../wire/ids.ts';

type Meeting = 'members' | 'greeters';

export const mergeDefaults = {
  shapes: [[8, 2], [4, 4], [2, 8], [4, 8], [2, 16], [2, 32]] as const,
  meetings: ['members', 'greeters'] as readonly Meeting[],
  stabilizeMs: [2_000, 5_000],
  seeds: 5,
  limitMs: 120_000,
  stepMs: 500,
  /** How often the runtime introduces a peer that stays in the room again (browser-node.ts). */
  reintroduceMs: 2_500,
};

/** Seconds from the first meeting until the ring is exact, or null when it was not within the limit. */
function mergeSeconds(seed: number, count: number, size: number, chord: ChordInit, meeting: Meeting): number | null {
  const sim = createChordSimulation({ nodes: 0, seed, successors: chord.successors ?? 3, chord });
  const rings = sim.createApartRings(count, size);
  const pairs: [NodeId, NodeId][] = [];
  for (let r = 0; r < count; r++) {
    const members = rings[r] ?? [];
    if (meeting === 'greeters') {
      const next = rings[(r + 1) % count] ?? [];
      const a = members[sim.rng.int(members.length)];
      const b = next[sim.rng.int(next.length)];
      if (a !== undefined && b !== undefined) pairs.push([a, b]);
      continue;
    }
    for (const a of members) {
      for (let k = 0; k < 2; k++) {
        const other = rings[(r + 1 + sim.rng.int(count - 1)) % count] ?? [];
        const b = other[sim.rng.int(other.length)];
        if (b !== undefined) sim.introduce(a, b);
      }
    }
  }
  for (let waited = 0; waited < mergeDefaults.limitMs; ) {
    if (waited % mergeDefaults.reintroduceMs === 0) for (const [a, b] of pairs) sim.introduce(a, b);
    sim.runFor(mergeDefaults.stepMs);
    waited += mergeDefaults.stepMs;
    if (checkInvariants(sim, true).length === 0) return waited / 1000;
  }
  return null;
}

export function runMerge(opts: ExperimentOptions): ExperimentResult {
  const seeds = opts.seeds ?? mergeDefaults.seeds;
  const rows: Record<string, unknown>[] = [];
  for (const meeting of mergeDefaults.meetings) {
    for (const stabilizeMs of mergeDefaults.stabilizeMs) {
      for (const [rings, size] of mergeDefaults.shapes) {
        const times: (number | null)[] = [];
        for (let s = 0; s < seeds; s++) times.push(mergeSeconds(opts.seed + s, rings, size, { ...BROWSER_CHORD, stabilizeMs }, meeting));
        const done = times.filter((t): t is number => t !== null).sort((a, b) => a - b);
        rows.push({
          meeting,
          stabilizeMs,
          rings,
          nodesPerRing: size,
          seeds,
          minSeconds: done[0] ?? null,
          medianSeconds: done[Math.floor((done.length - 1) / 2)] ?? null,
          maxSeconds: done.at(-1) ?? null,
          notMerged: times.length - done.length,
        });
        opts.log(`merge: ${meeting} meet, ${rings} rings of ${size}, stabilize ${stabilizeMs} ms → ${times.map((t) => (t === null ? 'never' : `${t} s`)).join(', ')}`);
      }
    }
  }
  return {
    experiment: 'merge',
    note: `virtual seconds from the first meetings until every successor and predecessor is the oracle's (checked every ${mergeDefaults.stepMs} ms, given up after ${mergeDefaults.limitMs / 1000} s); browser core settings (BROWSER_CHORD) with the stabilize period of the row; "members": every member meets members of two other rings at once; "greeters": one member of each ring meets one of the next ring, again every ${mergeDefaults.reintroduceMs / 1000} s`,
    rows,
    table: formatTable(rows, ['meeting', 'stabilizeMs', 'rings', 'nodesPerRing', 'seeds', 'minSeconds', 'medianSeconds', 'maxSeconds', 'notMerged']),
  };
}

export const merge: OverlayExperiment = { name: 'merge', describe: 'rings that formed apart: seconds until one exact ring once members meet (browser settings)', defaults: mergeDefaults, run: runMerge };
