// `npm run sim -- load`: SIGCOMM Fig. 8/9 — keys per node on 10^4 nodes with 1, 2, 5, 10, 20
// virtual nodes per physical node (consistent hashing on the same ring math as the core).
import { createPrng, randomHex } from '../../dht/prng.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { percentile } from './chord-stats.ts';

export const loadDefaults = { nodes: 10_000, keys: [100_000, 1_000_000], virtualNodes: [1, 2, 5, 10, 20] };

export function runLoad(opts: ExperimentOptions): ExperimentResult {
  const rows: Record<string, unknown>[] = [];
  const nodes = opts.nodes ?? loadDefaults.nodes;
  for (const keys of loadDefaults.keys) {
    for (const v of loadDefaults.virtualNodes) {
      const rng = createPrng(opts.seed);
      const positions: { id: string; owner: number }[] = [];
      for (let n = 0; n < nodes; n++) for (let j = 0; j < v; j++) positions.push({ id: randomHex(rng, 40), owner: n });
      positions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const ids = positions.map((p) => p.id);
      const counts = new Float64Array(nodes);
      for (let k = 0; k < keys; k++) {
        const key = randomHex(rng, 40);
        let lo = 0;
        let hi = ids.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((ids[mid] as string) < key) lo = mid + 1;
          else hi = mid;
        }
        const owner = positions[lo === ids.length ? 0 : lo]?.owner ?? 0;
        counts[owner] = (counts[owner] ?? 0) + 1;
      }
      const meanKeys = keys / nodes;
      const p99 = percentile(counts, 99);
      rows.push({ keys, virtualNodes: v, meanKeys, p1Keys: percentile(counts, 1), p99Keys: p99, maxKeys: Math.max(...counts), p99OverMean: p99 / meanKeys });
      opts.log(`load: ${keys} keys, v=${v}: p99/mean ${(p99 / meanKeys).toFixed(2)}`);
    }
  }
  return {
    experiment: 'load',
    paper: 'SIGCOMM Fig. 8/9: p99 ≈ 4.6–4.8× the mean at 1 virtual node, ≈ 1.6× at 20',
    rows,
    table: formatTable(rows, ['keys', 'virtualNodes', 'meanKeys', 'p1Keys', 'p99Keys', 'maxKeys', 'p99OverMean']),
  };
}

export const load: OverlayExperiment = { name: 'load', describe: 'keys per node with virtual nodes (consistent hashing)', defaults: loadDefaults, run: runLoad };
