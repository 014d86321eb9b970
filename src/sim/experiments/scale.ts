// `npm run sim -- scale`: 10^5 nodes and 10^5 lookups with the real core; wall time and peak memory.
// The ring is built by static construction; messages skip the codec at this size. Lookups start
// 0.1 ms apart from random nodes — 10^4 lookups/s over the ring, 0.1 per node per second — so
// the measurement spans about 10 s of virtual time, with every node's maintenance running.
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { randomLookups, summarize } from './chord-stats.ts';

export const scaleDefaults = { nodes: 100_000, lookups: 100_000, lookupSpacingMs: 0.1 };

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
  const builtAt = clock();
  const before = { messages: sim.totals.messages, maintenance: sim.totals.maintenanceMessages, t: sim.now };
  const outcomes = sim.runLookups(randomLookups(sim, scaleDefaults.lookups), scaleDefaults.lookupSpacingMs);
  peak = Math.max(peak, memory());
  const stats = summarize(outcomes);
  const rows = [
    {
      nodes,
      lookups: stats.lookups,
      failed: stats.failed,
      wallSeconds: (clock() - started) / 1000,
      buildSeconds: (builtAt - started) / 1000,
      peakMemoryMB: peak,
      meanHops: stats.meanHops,
      p99Hops: stats.p99Hops,
      virtualSeconds: (sim.now - before.t) / 1000,
      messages: sim.totals.messages - before.messages,
      maintenanceMessages: sim.totals.maintenanceMessages - before.maintenance,
    },
  ];
  return {
    experiment: 'scale',
    note: 'peakMemoryMB: the peak resident set size of the process (getrusage maxrss); lookups start 0.1 ms apart (10^4 per second over the ring) while every node runs its maintenance; messages and maintenanceMessages are counted from the first lookup on',
    rows,
    table: formatTable(rows, ['nodes', 'lookups', 'failed', 'wallSeconds', 'buildSeconds', 'peakMemoryMB', 'meanHops', 'p99Hops', 'virtualSeconds', 'messages', 'maintenanceMessages']),
  };
}

export const scale: OverlayExperiment = { name: 'scale', describe: '10^5 nodes, 10^5 lookups: wall time and peak memory', defaults: scaleDefaults, run: runScale };
