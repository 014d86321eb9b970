// Chord rows from the real protocol: the lead's ChordSimulation (src/sim/chord-sim.ts) runs the
// src/dht core (and the wire codec) on its own simulated network. As the lead's own experiments
// do, the ring is warm-started (state built from the oracle, as in the Chord paper's static
// setup) and then runs live maintenance before we measure; protocol joins one by one cost O(N²)
// simulated work (1000 joins took 12 minutes here), so they are not used for these rows.
// The simulator draws its own 160-bit ids (same N and seed, not the compact overlays' ids), and
// its oracle judges each lookup.
import { createChordSimulation } from '../chord-sim.ts';
import { createPrng, randomHex } from '../../dht/prng.ts';
import { asKeyId, type NodeId } from '../../wire/ids.ts';
import { maxOverMean, round } from './measure.ts';
import { SPACE_SIZE, successorIndex } from './id-space.ts';
import { failureSet, mean, percentile } from './world.ts';
import type { SuiteRow } from './suite.ts';

/** Largest ring the protocol rows are built for (the issue: the real protocol for N ≤ 10^4). */
export const PROTOCOL_MAX_NODES = 10_000;
/** Live maintenance after the warm start, before measuring (ms of simulated time). */
export const PROTOCOL_WARMUP_MS = 60_000;

export interface ProtocolChordOptions {
  nodes: number;
  seed: number;
  lookups: number;
  failedFraction: number;
  loadKeysPerNode?: number;
  /** Crash failedFraction of the nodes and measure again. @default true */
  afterFailure?: boolean;
  log?: (line: string) => void;
}

export function protocolChordRows(opts: ProtocolChordOptions): SuiteRow[] {
  const { nodes: n, seed } = opts;
  const sim = createChordSimulation({ nodes: n, seed, successors: 20, build: 'warm' });
  sim.build();
  sim.runFor(PROTOCOL_WARMUP_MS);
  const rng = createPrng(seed + 1);
  const measure = (): { ok: number; hops: number[]; messages: number; count: number } => {
    const ids = sim.liveIds();
    const reqs = Array.from({ length: opts.lookups }, () => ({ from: ids[rng.int(ids.length)] ?? ids[0] ?? sim.randomId(), key: asKeyId(randomHex(rng, 40)) }));
    const outcomes = sim.runLookups(reqs, 10);
    const hops: number[] = [];
    let ok = 0;
    let messages = 0;
    for (const o of outcomes) {
      if (o === undefined) continue; // never answered: a failed lookup
      messages += o.messages;
      if (o.correct) {
        ok++;
        hops.push(o.hops);
      }
    }
    return { ok, hops, messages, count: reqs.length };
  };
  const before = measure();
  const links = sim.linkCounts();
  const all: NodeId[] = sim.liveIds();
  // Storage load on the same ring: uniform keys, the owner is the successor (top 32 bits suffice).
  const ring = Uint32Array.from(all, (id) => parseInt(id.slice(0, 8), 16)).sort();
  const loadRng = createPrng(seed + 4);
  const counts = new Uint32Array(ring.length);
  for (let i = 0; i < (opts.loadKeysPerNode ?? 10) * n; i++) {
    const o = successorIndex(ring, Math.floor(loadRng.next() * SPACE_SIZE));
    counts[o] = (counts[o] ?? 0) + 1;
  }
  let after = { ok: NaN, count: 1 };
  if (opts.afterFailure !== false) {
    const failures = failureSet(createPrng(seed + 2), all.length, opts.failedFraction);
    sim.crash(Array.from(failures, (f) => all[f] ?? sim.randomId()));
    after = measure();
  }
  const row: SuiteRow = {
    overlay: 'chord',
    variant: `protocol: warm start + ${PROTOCOL_WARMUP_MS / 1000} s live maintenance, r=20, finger base 8`,
    graph: '',
    construction: 'protocol',
    nodes: n,
    lookups: before.count,
    meanHops: round(mean(before.hops)),
    p99Hops: percentile(before.hops, 99),
    maxHops: before.hops.reduce((a, b) => Math.max(a, b), 0),
    messagesPerLookup: round(before.messages / Math.max(1, before.count)),
    stateEntriesPerNode: round(mean(links), 1),
    successRate: round(before.ok / Math.max(1, before.count), 4),
    failedFraction: opts.failedFraction,
    successRateAfterFail: round(after.ok / Math.max(1, after.count), 4),
    maxKeyLoadOverMean: round(maxOverMean(counts), 2),
    maxNodeLoad: NaN,
    meanLatencyMs: NaN,
  };
  opts.log?.(`chord (protocol) N=${n}: hops ${row.meanHops} (max ${row.maxHops}), msgs ${row.messagesPerLookup}, ok ${row.successRate}, after failure ${row.successRateAfterFail}`);
  return [row];
}
