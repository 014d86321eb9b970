// What the lab page's worker computes: `compare` at the chosen size and failed fraction, a small
// `unstructured`/size sweep up to that size, a failure sweep and the load curves, drawn with the
// same chart writer as docs/plots. Small sizes only (a few thousand nodes): it runs in a tab.
import { createPrng } from '../../dht/prng.ts';
import { runSuite, type SuiteRow } from '../overlays/suite.ts';
import { createWorld } from '../overlays/world.ts';
import { createChordStatic } from '../overlays/chord-static.ts';
import { createKademlia } from '../overlays/kademlia.ts';
import { createPastry } from '../overlays/pastry.ts';
import { createCan } from '../overlays/can.ts';
import { keyLoad } from '../overlays/overlay.ts';
import { SPACE_SIZE } from '../overlays/id-space.ts';
import { groupSeries } from './overlay-docs.ts';
import { lineChart, type Series } from './svg-chart.ts';

export interface LabParams {
  nodes: number;
  failedFraction: number;
  /** Flooding TTL (hops). */
  floodTtl: number;
  /** Random-walk TTL (steps per walker). */
  walkTtl: number;
  seed: number;
}

/** Bounds the lab keeps to (a tab, not a server). */
export const LAB_LIMITS = { minNodes: 50, maxNodes: 5000, maxTtl: 5000 };

export interface LabResult {
  params: LabParams;
  rows: SuiteRow[];
  charts: Record<'hops' | 'messages' | 'failures' | 'load', string>;
}

const LAB_LOOKUPS = 300;

export function clampLabParams(p: LabParams): LabParams {
  const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : lo));
  return {
    nodes: Math.round(clamp(p.nodes, LAB_LIMITS.minNodes, LAB_LIMITS.maxNodes)),
    failedFraction: clamp(p.failedFraction, 0, 0.9),
    floodTtl: Math.round(clamp(p.floodTtl, 0, 64)),
    walkTtl: Math.round(clamp(p.walkTtl, 1, LAB_LIMITS.maxTtl)),
    seed: Math.round(clamp(p.seed, 0, 2 ** 31)),
  };
}

export function runLab(input: LabParams, progress: (text: string, partial?: Partial<LabResult['charts']>) => void): LabResult {
  const p = clampLabParams(input);
  const common = { seed: p.seed, lookups: LAB_LOOKUPS, floodTtl: p.floodTtl, walkTtl: p.walkTtl };
  progress(`compare at N = ${p.nodes}, ${Math.round(p.failedFraction * 100)} % failed`);
  const rows = runSuite({ ...common, nodes: p.nodes, failedFraction: p.failedFraction });

  const sizes = [100, 200, 500, 1000, 2000, 5000].filter((n) => n < p.nodes);
  sizes.push(p.nodes);
  const sweep: SuiteRow[] = [];
  for (const n of sizes) {
    progress(`size sweep: N = ${n}`);
    sweep.push(...(n === p.nodes ? rows : runSuite({ ...common, nodes: n, afterFailure: false })));
  }
  const hops = lineChart({ title: 'Mean hops vs nodes', xLabel: 'nodes', yLabel: 'mean hops', xLog: true, yLog: true, series: groupSeries(sweep, (r) => r.meanHops) });
  const messages = lineChart({ title: 'Messages per lookup vs nodes', xLabel: 'nodes', yLabel: 'messages per lookup', xLog: true, yLog: true, series: groupSeries(sweep, (r) => r.messagesPerLookup) });
  progress('failure sweep', { hops, messages });

  const failRows: SuiteRow[] = [];
  for (const f of [0, 0.1, 0.2, 0.3, 0.4, 0.5]) failRows.push(...runSuite({ ...common, nodes: p.nodes, failedFraction: f, lookups: 150 }));
  const failures = lineChart({
    title: `Success vs failed fraction (N = ${p.nodes})`, xLabel: 'fraction failed', yLabel: 'success rate', yMin: 0, yMax: 1,
    series: groupSeries(failRows, (r) => r.successRateAfterFail, (r) => r.failedFraction),
  });
  progress('load curves', { hops, messages, failures });

  const world = createWorld(p.nodes, p.seed);
  const rng = createPrng(p.seed + 4);
  const keys = Array.from({ length: 50 * p.nodes }, () => Math.floor(rng.next() * SPACE_SIZE));
  const overlays = [
    createChordStatic({ ids: world.ids, seed: p.seed }),
    createKademlia({ ids: world.ids, seed: p.seed }),
    createPastry({ ids: world.ids, seed: p.seed }),
    createCan({ nodes: p.nodes, seed: p.seed, dimensions: 2 }),
  ];
  const loadSeries: Series[] = overlays.map((o) => {
    const counts = Float64Array.from(keyLoad(o, p.nodes, keys)).sort().reverse();
    const pts: [number, number][] = [];
    for (let rank = 1; rank <= counts.length; rank = Math.max(rank + 1, Math.floor(rank * 1.3))) pts.push([rank, (counts[rank - 1] ?? 0) / 50]);
    return { name: o.name, points: pts };
  });
  const load = lineChart({ title: 'Keys per node / mean (sorted)', xLabel: 'node rank', yLabel: 'keys / mean', xLog: true, series: loadSeries });
  return { params: p, rows, charts: { hops, messages, failures, load } };
}
