// `npm run sim -- hotspots [--nodes N] [--seed S] [--json]`: Zipf-popular objects (s = 1). Where
// does the work land? Unstructured search spreads every query over the nodes it floods or walks
// (by degree); a DHT sends all queries for a key to its owner, so the most popular key makes a
// hotspot that virtual nodes (which even out key storage) do not remove, and that caching the
// record along lookup paths (CFS-style) spreads out.
import { createPrng, type Prng } from '../../dht/prng.ts';
import { chordRouter, CHORD_SUCCESSORS } from '../overlays/chord-static.ts';
import { recursiveLookup, type Router } from '../overlays/recursive-lookup.ts';
import { SimNetwork } from '../overlays/sim-network.ts';
import { SPACE_SIZE, successorIndex } from '../overlays/id-space.ts';
import { formatTable, round } from '../overlays/measure.ts';
import { buildGraph, type GraphKind } from '../overlays/unstructured-graph.ts';
import { createUnstructured, floodTtlFor, walkTtlFor } from '../overlays/unstructured.ts';
import { GRAPH_DEGREE, OBJECT_REPLICAS, TARGET_SUCCESS } from '../overlays/suite.ts';
import { percentile, randomIds } from '../overlays/world.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';

/** Zipf exponent of object popularity (web and P2P query traces: s ≈ 1). */
export const ZIPF_S = 1;
/** Uniform keys per node for the storage-balance rows. */
const STORAGE_KEYS_PER_NODE = 100;

export const hotspotsDefaults = {
  nodes: 10_000,
  objects: 10_000,
  /** DHT queries (cheap). */
  queries: 10_000,
  /** Flooding queries (each one reaches most of the network). */
  floodQueries: 200,
  walkQueries: 1000,
};

export interface HotspotRow {
  system: string;
  variant: string;
  /** 'keys stored' or 'query messages received'. */
  metric: string;
  nodes: number;
  queries: number;
  maxOverMean: number;
  p99OverMean: number;
  /** Percent of all the metric's units that the busiest node takes. */
  busiestPercent: number;
  meanHops?: number;
  messagesPerLookup?: number;
  successRate?: number;
}

/** A Zipf(s) sampler over ranks 0..m-1 (rank 0 the most popular). */
export function zipfSampler(m: number, s: number, rng: Prng): () => number {
  const cdf = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    total += 1 / (i + 1) ** s;
    cdf[i] = total;
  }
  return () => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function loadStats(load: ArrayLike<number>): { maxOverMean: number; p99OverMean: number; busiestPercent: number } {
  let sum = 0;
  let max = 0;
  for (let i = 0; i < load.length; i++) {
    sum += load[i] ?? 0;
    max = Math.max(max, load[i] ?? 0);
  }
  const meanLoad = sum / Math.max(1, load.length);
  return {
    maxOverMean: round(meanLoad === 0 ? 0 : max / meanLoad, 2),
    p99OverMean: round(meanLoad === 0 ? 0 : percentile(load, 99) / meanLoad, 2),
    busiestPercent: round(sum === 0 ? 0 : (100 * max) / sum, 3),
  };
}

/** A ring of n physical nodes with v virtual ids each: sorted ids and the physical node of each. */
export function virtualRing(n: number, v: number, rng: Prng): { ids: Uint32Array; physical: Uint32Array } {
  const raw = randomIds(rng, n * v); // sorted
  const physical = new Uint32Array(n * v);
  // Shuffle the assignment so a physical node's ids are spread over the ring.
  const perm = new Uint32Array(n * v);
  for (let i = 0; i < perm.length; i++) perm[i] = i % n;
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i] ?? 0;
    perm[i] = perm[j] ?? 0;
    perm[j] = t;
  }
  physical.set(perm);
  return { ids: raw, physical };
}

export function runHotspots(opts: ExperimentOptions): ExperimentResult {
  const n = opts.nodes ?? hotspotsDefaults.nodes;
  const seed = opts.seed;
  const m = hotspotsDefaults.objects;
  const q = hotspotsDefaults.queries;
  const rows: HotspotRow[] = [];
  const objRng = createPrng(seed + 10);
  const objectKeys = Array.from({ length: m }, () => Math.floor(objRng.next() * SPACE_SIZE));
  const virtualNodes = Math.max(1, Math.round(Math.log2(n)));

  // --- The DHT ring: storage and query load, without and with virtual nodes, then path caching.
  for (const v of [1, virtualNodes]) {
    const ring = virtualRing(n, v, createPrng(seed + 11));
    const total = ring.ids.length;
    // Storage: uniform keys, 100 per node, so the figure is the ring's arc imbalance, not sampling noise.
    const keys = new Float64Array(n);
    const keyRng = createPrng(seed + 14);
    for (let i = 0; i < STORAGE_KEYS_PER_NODE * n; i++) {
      const p = ring.physical[successorIndex(ring.ids, Math.floor(keyRng.next() * SPACE_SIZE))] ?? 0;
      keys[p] = (keys[p] ?? 0) + 1;
    }
    rows.push({ system: 'chord', variant: v === 1 ? 'no virtual nodes' : `${v} virtual nodes`, metric: 'keys stored', nodes: n, queries: STORAGE_KEYS_PER_NODE * n, ...loadStats(keys) });
    for (const caching of v === 1 ? [false, true] : [false]) {
      const net = new SimNetwork(total, seed);
      const base = chordRouter(ring.ids, CHORD_SUCCESSORS);
      const cache = new Map<number, Set<number>>();
      let path: number[] = [];
      const route: Router = (node, key) => {
        if (caching && cache.get(key)?.has(node) === true) return 'deliver';
        path.push(node);
        return base(node, key);
      };
      const zipf = zipfSampler(m, ZIPF_S, createPrng(seed + 12));
      const reqRng = createPrng(seed + 13);
      let hops = 0;
      let messages = 0;
      for (let i = 0; i < q; i++) {
        const key = objectKeys[zipf()] ?? 0;
        const from = reqRng.int(total);
        path = [];
        const r = recursiveLookup(net, route, from, key);
        hops += r.hops;
        messages += r.messages;
        // The owner serves the query: count it as the node's work too.
        if (r.owner !== undefined) net.load[r.owner] = (net.load[r.owner] ?? 0) + 1;
        if (caching) {
          let set = cache.get(key);
          if (set === undefined) cache.set(key, (set = new Set()));
          for (const p of path) set.add(p);
        }
      }
      const perPhysical = new Float64Array(n);
      for (let i = 0; i < total; i++) perPhysical[ring.physical[i] ?? 0] = (perPhysical[ring.physical[i] ?? 0] ?? 0) + (net.load[i] ?? 0);
      rows.push({
        system: 'chord',
        variant: caching ? 'no virtual nodes, caching along lookup paths' : v === 1 ? 'no virtual nodes' : `${v} virtual nodes`,
        metric: 'query messages received',
        nodes: n,
        queries: q,
        ...loadStats(perPhysical),
        meanHops: round(hops / q),
        messagesPerLookup: round(messages / q),
      });
      opts.log(`hotspots chord v=${v} caching=${caching}: done`);
    }
  }

  // --- Unstructured search: the same Zipf queries, objects with 10 copies each.
  for (const graphKind of ['random', 'power-law'] as GraphKind[]) {
    const graph = buildGraph(graphKind, n, GRAPH_DEGREE, createPrng(seed + 5));
    const alive = new Uint8Array(n).fill(1);
    const calib = Array.from({ length: 300 }, (_, i) => ({ from: (i * 7919) % n, key: objectKeys[i % m] ?? 0 }));
    for (const method of ['flood', 'walk'] as const) {
      const ttl = method === 'flood'
        ? floodTtlFor(graph, alive, seed, OBJECT_REPLICAS, calib, TARGET_SUCCESS)
        : walkTtlFor(graph, alive, seed, OBJECT_REPLICAS, calib, 16, Math.ceil((8 * n) / (OBJECT_REPLICAS * 16)) + 16, TARGET_SUCCESS);
      const o = createUnstructured({ graph, seed, method, replicas: OBJECT_REPLICAS, ttl: Number.isFinite(ttl) ? ttl : 64 });
      const zipf = zipfSampler(m, ZIPF_S, createPrng(seed + 12));
      const reqRng = createPrng(seed + 13);
      const count = method === 'flood' ? hotspotsDefaults.floodQueries : hotspotsDefaults.walkQueries;
      let hops = 0;
      let messages = 0;
      let ok = 0;
      for (let i = 0; i < count; i++) {
        const key = objectKeys[zipf()] ?? 0;
        const r = o.lookup(reqRng.int(n), key);
        messages += r.messages;
        if (r.found) {
          ok++;
          hops += r.hops;
        }
      }
      rows.push({
        system: method,
        variant: `${graphKind} graph, TTL=${o.ttl}`,
        metric: 'query messages received',
        nodes: n,
        queries: count,
        ...loadStats(o.network.load),
        meanHops: round(hops / Math.max(1, ok)),
        messagesPerLookup: round(messages / count),
        successRate: round(ok / count, 4),
      });
      opts.log(`hotspots ${method} ${graphKind}: done`);
    }
  }

  const table = [
    `Zipf s=${ZIPF_S} over ${m} objects; ${q} DHT queries from random nodes. busiestPercent: the busiest node's percent of all units.`,
    formatTable(rows as unknown as Record<string, unknown>[],
      ['system', 'variant', 'metric', 'nodes', 'queries', 'maxOverMean', 'p99OverMean', 'busiestPercent', 'meanHops', 'messagesPerLookup', 'successRate']),
  ].join('\n');
  return { experiment: 'hotspots', zipfS: ZIPF_S, objects: m, virtualNodes, rows: rows as unknown as Record<string, unknown>[], table };
}

export const hotspots: OverlayExperiment = {
  name: 'hotspots',
  describe: 'Zipf-popular objects: query load in unstructured search vs key load on the ring (virtual nodes, path caching)',
  defaults: hotspotsDefaults,
  run: runHotspots,
};

export default hotspots;
