// `npm run sim -- scale`: 10^5 nodes and 10^5 lookups with the real core; wall time and peak memory.
// The ring is built by static construction; messages skip the codec at this size (--codec to keep it).
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { randomLookups, summarize } from './chord-stats.ts';

export const scaleDefaults = { nodes: 100_000, lookups: 100_000 };

export function runScale(opts: ExperimentOptions & { memoryMB?: () => number; wallMs?: () => number }): ExperimentResult {
  const nodes = opts.nodes ?? scaleDefaults.nodes;
  const memory = opts.memoryMB ?? (() => 0);
  const clock = opts.wallMs ?? (() => 0);
  const started = clock();
  let peak = memory();
  const sim = createChordSimulation({ nodes, seed: opts.seed, successors: 20, build: 'warm', codec: false });
  sim.build();
  peak = Math.max(peak, memory());
  opts.log(`scale: built ${nodes} nodes`);
  const outcomes = sim.runLookups(randomLookups(sim, scaleDefaults.lookups), 1);
  peak = Math.max(peak, memory());
  const stats = summarize(outcomes);
  const rows = [{ nodes, lookups: stats.lookups, failed: stats.failed, wallSeconds: (clock() - started) / 1000, peakMemoryMB: peak, meanHops: stats.meanHops, p99Hops: stats.p99Hops }];
  return { experiment: 'scale', rows, table: formatTable(rows, ['nodes', 'lookups', 'failed', 'wallSeconds', 'peakMemoryMB', 'meanHops', 'p99Hops']) };
}

export const scale: OverlayExperiment = { name: 'scale', describe: '10^5 nodes, 10^5 lookups: wall time and peak memory', defaults: scaleDefaults, run: runScale };
