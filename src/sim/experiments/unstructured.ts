// `npm run sim -- unstructured [--nodes N] [--seed S] [--json]`: the cost of finding an object by
// flooding and by random walks against a Chord lookup, N = 10^2 … 10^5 (DESIGN.md §9 rows
// {nodes, method, messagesPerLookup, successRate, maxNodeLoad}). Flooding TTLs and walker TTLs
// are tuned per size on separate requests to reach 95 % success, so the price of that success
// shows; the same is done on a power-law graph.
import { runSuite, type SuiteRow } from '../overlays/suite.ts';
import { formatTable } from '../overlays/measure.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import type { GraphKind } from '../overlays/unstructured-graph.ts';
import { protocolChordRows } from '../overlays/chord-protocol.ts';

/**
 * Real-protocol Chord rows up to this size here (compare has them up to 10^4): a 10^4-node warm
 * ring with a minute of maintenance costs minutes of CPU, and compare already shows it.
 */
export const UNSTRUCTURED_PROTOCOL_MAX_NODES = 1000;

export const unstructuredDefaults = { sizes: [100, 1000, 10_000, 100_000], lookups: 1000, graphs: ['random', 'power-law'] };

export interface UnstructuredRow {
  nodes: number;
  method: 'chord' | 'flood' | 'walk';
  graph: string;
  messagesPerLookup: number;
  successRate: number;
  maxNodeLoad: number;
  meanHops: number;
  ttl?: number;
  walkers?: number;
  replicas?: number;
  lookups: number;
  construction: string;
  seed: number;
}

const toRow = (r: SuiteRow, seed: number): UnstructuredRow => ({
  nodes: r.nodes,
  method: r.overlay === 'flood' || r.overlay === 'walk' ? r.overlay : 'chord',
  graph: r.graph === '' ? 'ring' : r.graph,
  messagesPerLookup: r.messagesPerLookup,
  successRate: r.successRate,
  maxNodeLoad: r.maxNodeLoad,
  meanHops: r.meanHops,
  ...(r.ttl !== undefined ? { ttl: r.ttl } : {}),
  ...(r.walkers !== undefined ? { walkers: r.walkers } : {}),
  ...(r.replicas !== undefined ? { replicas: r.replicas } : {}),
  lookups: r.lookups,
  construction: r.construction,
  seed,
});

export function runUnstructured(opts: ExperimentOptions): ExperimentResult {
  const sizes = opts.nodes !== undefined ? [opts.nodes] : unstructuredDefaults.sizes;
  const rows: UnstructuredRow[] = [];
  for (let s = 0; s < (opts.seeds ?? 1); s++) {
    const seed = opts.seed + s;
    for (const nodes of sizes) {
      const base = { nodes, seed, lookups: unstructuredDefaults.lookups, afterFailure: false, log: opts.log };
      if (nodes <= UNSTRUCTURED_PROTOCOL_MAX_NODES) {
        for (const r of protocolChordRows({ nodes, seed, lookups: base.lookups, failedFraction: 0, afterFailure: false, log: opts.log })) rows.push(toRow(r, seed));
      }
      for (const r of runSuite({ ...base, overlays: ['chord'] })) rows.push(toRow(r, seed));
      for (const graph of unstructuredDefaults.graphs) {
        for (const r of runSuite({ ...base, overlays: ['flood', 'walk'], graph: graph as GraphKind })) rows.push(toRow(r, seed));
      }
    }
  }
  const table = [
    'Objects: 10 copies on random nodes; TTLs tuned per size on 1000 separate requests for ≥ 95 % success.',
    'maxNodeLoad: messages received by the busiest node, per lookup (not measured for the protocol rows).',
    'Chord: "static" = fingers from the oracle, r = 20; "protocol" = the real core, warm start + 60 s maintenance (N ≤ 10^3 here).',
    formatTable(rows as unknown as Record<string, unknown>[],
      ['nodes', 'method', 'construction', 'graph', 'ttl', 'walkers', 'messagesPerLookup', 'successRate', 'maxNodeLoad', 'meanHops', 'lookups']),
  ].join('\n');
  return { experiment: 'unstructured', objectReplicas: 10, targetSuccess: 0.95, rows: rows as unknown as Record<string, unknown>[], table };
}

export const unstructured: OverlayExperiment = {
  name: 'unstructured',
  describe: 'Flooding and random walks (random and power-law graphs) against Chord: messages per lookup, success, busiest node',
  defaults: unstructuredDefaults,
  run: runUnstructured,
};

export default unstructured;
