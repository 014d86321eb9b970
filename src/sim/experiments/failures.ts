// `npm run sim -- failures`: ToN Table II — N = 1000, r = 20, a fraction of nodes fail at once
// (silently: no link-down news, only timeouts), and 10^4 lookups start right away.
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import type { NodeId } from '../../wire/ids.ts';
import { randomLookups, summarize } from './chord-stats.ts';

/** ToN Table II (mean path length, mean timeouts) for the same fractions. */
const TON = new Map<number, [number, number]>([
  [0, [3.84, 0]], [0.1, [4.03, 0.6]], [0.2, [4.22, 1.17]], [0.3, [4.44, 2.02]], [0.4, [4.69, 3.23]], [0.5, [5.09, 5.1]],
]);

export const failuresDefaults = { nodes: 1000, lookups: 10_000, fractions: [0, 0.1, 0.2, 0.3, 0.4, 0.5] };

export function runFailures(opts: ExperimentOptions): ExperimentResult {
  const rows: Record<string, unknown>[] = [];
  for (const f of failuresDefaults.fractions) {
    const sim = createChordSimulation({
      nodes: opts.nodes ?? failuresDefaults.nodes,
      seed: opts.seed,
      successors: 20,
      build: 'warm',
      network: { crashDetectMs: Infinity },
    });
    sim.build();
    sim.runFor(60_000);
    const ids = sim.liveIds();
    const victims: NodeId[] = ids.filter(() => sim.rng.next() < f);
    sim.crash(victims);
    const stats = summarize(sim.runLookups(randomLookups(sim, failuresDefaults.lookups), 1));
    const ton = TON.get(f);
    rows.push({
      failedFraction: f,
      meanHops: stats.meanHops,
      meanTimeouts: stats.meanTimeouts,
      failedLookupsPer10k: (stats.failed / stats.lookups) * 10_000,
      tonMeanHops: ton?.[0],
      tonMeanTimeouts: ton?.[1],
    });
    opts.log(`failures: ${f} → ${stats.failed} failed`);
  }
  return {
    experiment: 'failures',
    note: 'a lookup fails unless it returns the live owner (the oracle); failed nodes are silent, found by timeouts only',
    rows,
    table: formatTable(rows, ['failedFraction', 'meanHops', 'tonMeanHops', 'meanTimeouts', 'tonMeanTimeouts', 'failedLookupsPer10k']),
  };
}

export const failures: OverlayExperiment = {
  name: 'failures',
  describe: 'ToN Table II: 0 … 50 % of 1000 nodes fail at once',
  defaults: failuresDefaults,
  run: runFailures,
};
