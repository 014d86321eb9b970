// `npm run sim -- paths`: path length vs N (Chord ToN Fig. 10 / Table II baseline). Rings are built
// by static construction and then run their real maintenance for a while before measuring
// (the Chord paper's static setup); every lookup is a real recursive lookup on the simulator.
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { mean, randomLookups, summarize } from './chord-stats.ts';

export const pathsDefaults = { sizes: [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384], lookups: 2000, successors: 20, fingerBase: 10, warmupMs: 300_000 };

export function runPaths(opts: ExperimentOptions & { successors?: number; fingerBase?: number }): ExperimentResult {
  const sizes = opts.nodes !== undefined ? [opts.nodes] : pathsDefaults.sizes;
  const rows: Record<string, unknown>[] = [];
  for (const nodes of sizes) {
    const sim = createChordSimulation({
      nodes,
      seed: opts.seed,
      successors: opts.successors ?? pathsDefaults.successors,
      fingerBase: opts.fingerBase ?? pathsDefaults.fingerBase,
      build: 'warm',
    });
    sim.build();
    sim.runFor(pathsDefaults.warmupMs);
    const before = { m: sim.totals.maintenanceMessages, b: sim.totals.maintenanceBytes, t: sim.now };
    const stats = summarize(sim.runLookups(randomLookups(sim, pathsDefaults.lookups), 5));
    const links = sim.linkCounts();
    const open = sim.openLinkCounts();
    const seconds = (sim.now - before.t) / 1000;
    rows.push({
      nodes,
      meanHops: stats.meanHops,
      p1Hops: stats.p1Hops,
      p99Hops: stats.p99Hops,
      maxHops: stats.maxHops,
      failed: stats.failed,
      halfLog2NPlus1: 0.5 * Math.log2(nodes) + 1,
      linksMean: mean(links),
      linksMax: Math.max(...links),
      linkBudget: 2 * Math.log2(nodes) + (opts.successors ?? pathsDefaults.successors),
      openLinksMean: mean(open),
      maintenanceMsgsPerNodePerSec: (sim.totals.maintenanceMessages - before.m) / nodes / seconds,
    });
    opts.log(`paths: N=${nodes} mean ${stats.meanHops.toFixed(2)} hops`);
  }
  const table = formatTable(rows, ['nodes', 'meanHops', 'halfLog2NPlus1', 'p1Hops', 'p99Hops', 'maxHops', 'failed', 'linksMean', 'linksMax', 'linkBudget', 'openLinksMean', 'maintenanceMsgsPerNodePerSec']);
  return {
    experiment: 'paths',
    hopCounting: 'hops = messages forwarded from the origin to the owner, the final hop to the owner included',
    build: 'static construction from the oracle, then 300 s of live maintenance before measuring',
    paper: 'ToN Table II: N=1000, r=20 → 3.84 mean hops; Chord: ½·log2 N on average',
    rows,
    table,
  };
}

export const paths: OverlayExperiment = {
  name: 'paths',
  describe: 'mean/p1/p99 hops and links per node for N = 2^3 … 2^14',
  defaults: pathsDefaults,
  run: (opts) => runPaths(opts),
};
