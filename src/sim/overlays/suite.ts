// Builds every overlay of the comparison on one shared world (same ids, keys, failure set, seed)
// and measures it: the engine behind the `compare` and `unstructured` experiments and the lab page.
import { createPrng } from '../../dht/prng.ts';
import { createCan } from './can.ts';
import { createChordStatic } from './chord-static.ts';
import { createKademlia } from './kademlia.ts';
import { keyLoad, type Overlay } from './overlay.ts';
import { createPastry } from './pastry.ts';
import { maxOverMean, round, runBatch } from './measure.ts';
import { buildGraph, type GraphKind } from './unstructured-graph.ts';
import { createUnstructured, floodTtlFor, walkTtlFor, WALKERS } from './unstructured.ts';
import { createWorld, failureSet, randomLookups, type OverlayWorld } from './world.ts';
import { SPACE_SIZE } from './id-space.ts';

/** Mean degree of the unstructured graph (Gnutella 0.4 peers kept a handful of links). */
export const GRAPH_DEGREE = 6;
/** Copies of each object in the unstructured network. */
export const OBJECT_REPLICAS = 10;
/** Success the unstructured TTLs are tuned to reach (the 95 %). */
export const TARGET_SUCCESS = 0.95;
/** Message budget per unstructured batch: bounds run time at 10^5 nodes. */
const UNSTRUCTURED_MESSAGE_BUDGET = 6e7;
/** Requests used to tune the unstructured TTLs (separate from the measured ones). */
const CALIBRATION_LOOKUPS = 1000;

export interface SuiteInit {
  nodes: number;
  seed: number;
  /** Structured lookups per phase. @default 1000 */
  lookups?: number;
  /** Fraction failed for the after-failure phase. @default 0.3 */
  failedFraction?: number;
  /** Run the after-failure phase. @default true */
  afterFailure?: boolean;
  /** Which overlays to run. @default all */
  overlays?: string[];
  /** CAN dimensions to run. @default [2, 4] */
  canDimensions?: number[];
  /** Unstructured graph. @default 'random' */
  graph?: GraphKind;
  /** @default OBJECT_REPLICAS */
  replicas?: number;
  /** Fixed flooding TTL instead of the tuned one. */
  floodTtl?: number;
  /** Fixed walker TTL instead of the tuned one. */
  walkTtl?: number;
  /** @default WALKERS */
  walkers?: number;
  /** Keys per node for the storage-load figure. @default 10 */
  loadKeysPerNode?: number;
  /** A chord row built by the real protocol (src/sim/chord-sim.ts), when the caller has one. */
  extraRows?: (world: OverlayWorld) => SuiteRow[];
  log?: (line: string) => void;
}

export interface SuiteRow {
  overlay: string;
  variant: string;
  /** Unstructured graph kind ('' for structured overlays). */
  graph: string;
  construction: 'static' | 'protocol';
  nodes: number;
  lookups: number;
  meanHops: number;
  p99Hops: number;
  maxHops: number;
  messagesPerLookup: number;
  stateEntriesPerNode: number;
  successRate: number;
  failedFraction: number;
  successRateAfterFail: number;
  maxKeyLoadOverMean: number;
  maxNodeLoad: number;
  meanLatencyMs: number;
  ttl?: number;
  walkers?: number;
  replicas?: number;
}

export const ALL_OVERLAYS = ['chord', 'kademlia', 'pastry', 'can', 'flood', 'walk'];

export function runSuite(init: SuiteInit): SuiteRow[] {
  const n = init.nodes;
  const seed = init.seed;
  const lookups = init.lookups ?? 1000;
  const failed = init.failedFraction ?? 0.3;
  const want = new Set(init.overlays ?? ALL_OVERLAYS);
  const log = init.log ?? ((): void => {});
  const world = createWorld(n, seed);
  const allAlive = new Uint8Array(n).fill(1);
  const requests = randomLookups(createPrng(seed + 1), lookups, allAlive);
  const failures = failureSet(createPrng(seed + 2), n, failed);
  const aliveAfter = allAlive.slice();
  for (const f of failures) aliveAfter[f] = 0;
  const requestsAfter = randomLookups(createPrng(seed + 3), lookups, aliveAfter);
  const loadRng = createPrng(seed + 4);
  const loadKeys = new Float64Array(Math.max(1, (init.loadKeysPerNode ?? 10) * n));
  for (let i = 0; i < loadKeys.length; i++) loadKeys[i] = Math.floor(loadRng.next() * SPACE_SIZE);
  const sample = Array.from({ length: Math.min(n, 1000) }, (_, i) => Math.floor((i * n) / Math.min(n, 1000)));

  const rows: SuiteRow[] = [];
  const measure = (overlay: Overlay, variant: string, reqs = requests, reqsAfter = requestsAfter, extra: Partial<SuiteRow> = {}): void => {
    const before = runBatch(overlay, reqs);
    const state = overlay.stateEntriesPerNode(sample);
    const load = maxOverMean(keyLoad(overlay, n, loadKeys));
    let afterRate = NaN;
    if (init.afterFailure !== false) {
      overlay.fail(failures);
      afterRate = runBatch(overlay, reqsAfter).successRate;
    }
    const row: SuiteRow = {
      overlay: overlay.name,
      variant,
      graph: overlay.name === 'flood' || overlay.name === 'walk' ? (init.graph ?? 'random') : '',
      construction: overlay.construction,
      nodes: n,
      lookups: reqs.length,
      meanHops: round(before.meanHops),
      p99Hops: before.p99Hops,
      maxHops: before.maxHops,
      messagesPerLookup: round(before.messagesPerLookup),
      stateEntriesPerNode: round(state, 1),
      successRate: round(before.successRate, 4),
      failedFraction: failed,
      successRateAfterFail: round(afterRate, 4),
      maxKeyLoadOverMean: round(load, 2),
      maxNodeLoad: round(before.maxNodeLoad, 4),
      meanLatencyMs: round(before.meanLatencyMs, 1),
      ...extra,
    };
    log(`${overlay.label} N=${n}: hops ${row.meanHops} (max ${row.maxHops}), msgs ${row.messagesPerLookup}, ok ${row.successRate}, after ${failed * 100}% failed ${row.successRateAfterFail}`);
    rows.push(row);
  };

  if (init.extraRows !== undefined) rows.push(...init.extraRows(world));
  if (want.has('chord')) measure(createChordStatic({ ids: world.ids, seed }), 'static fingers, r=20');
  if (want.has('kademlia')) measure(createKademlia({ ids: world.ids, seed }), 'k=20, α=3');
  if (want.has('pastry')) measure(createPastry({ ids: world.ids, seed }), 'b=4, L=16');
  if (want.has('can')) {
    for (const d of init.canDimensions ?? [2, 4]) measure(createCan({ nodes: n, seed, dimensions: d }), `d=${d}`);
  }
  if (want.has('flood') || want.has('walk')) {
    const graph = buildGraph(init.graph ?? 'random', n, GRAPH_DEGREE, createPrng(seed + 5));
    const replicas = init.replicas ?? OBJECT_REPLICAS;
    const walkers = init.walkers ?? WALKERS;
    const calibration = randomLookups(createPrng(seed + 6), CALIBRATION_LOOKUPS, allAlive);
    const budget = Math.max(30, Math.min(lookups, Math.floor(UNSTRUCTURED_MESSAGE_BUDGET / (n * GRAPH_DEGREE))));
    const reqs = requests.slice(0, budget);
    const reqsAfter = requestsAfter.slice(0, budget);
    const extra = { replicas };
    if (want.has('flood')) {
      const tuned = floodTtlFor(graph, allAlive, seed, replicas, calibration, TARGET_SUCCESS);
      const ttl = init.floodTtl ?? (Number.isFinite(tuned) ? tuned : 64);
      measure(createUnstructured({ graph, seed, method: 'flood', replicas, ttl }), `${init.graph ?? 'random'} graph, TTL=${ttl}`, reqs, reqsAfter, { ...extra, ttl });
    }
    if (want.has('walk')) {
      const cap = Math.ceil((8 * n) / (replicas * walkers)) + 16;
      const tuned = walkTtlFor(graph, allAlive, seed, replicas, calibration, walkers, cap, TARGET_SUCCESS);
      const ttl = init.walkTtl ?? (Number.isFinite(tuned) ? tuned : cap);
      measure(createUnstructured({ graph, seed, method: 'walk', replicas, ttl, walkers }), `${init.graph ?? 'random'} graph, ${walkers} walkers, TTL=${ttl}`, reqs, reqsAfter, { ...extra, ttl, walkers });
    }
  }
  return rows;
}
