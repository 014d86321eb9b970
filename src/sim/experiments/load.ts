// `npm run sim -- load`: SIGCOMM Fig. 8/9 — keys per node on 10^4 nodes with 1, 2, 5, 10, 20
// virtual nodes per physical node. Positions come from the core's virtual-node option
// (src/dht/virtual-nodes.ts: SHA-256 of the host id and the position's index), and keys are
// assigned by consistent hashing against a sorted array of positions (the oracle's rule). A second
// table runs the same option on the live simulator — hosts holding several ChordNodes, keys found
// by real recursive lookups from random hosts — and checks every owner against the oracle.
import { createChordSimulation, type LookupOutcome } from '../chord-sim.ts';
import { createPrng, randomHex } from '../../dht/prng.ts';
import { virtualNodeIds } from '../../dht/virtual-nodes.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { asNodeId, type NodeId, type RingId } from '../../wire/ids.ts';
import { mean, percentile } from './chord-stats.ts';

export const loadDefaults = {
  nodes: 10_000,
  keys: [100_000, 1_000_000],
  virtualNodes: [1, 2, 5, 10, 20],
  /** Hosts of the live check: 250 × 20 positions is a 5000-node ring. */
  liveHosts: 250,
  /** Keys looked up per virtual-node setting in the live check (40 per host on average). */
  liveKeys: 10_000,
};

function loadRow(counts: ArrayLike<number>, keys: number): { meanKeys: number; p1Keys: number; p99Keys: number; maxKeys: number; p99OverMean: number } {
  const values = Array.from(counts);
  const meanKeys = keys / values.length;
  const p99 = percentile(values, 99);
  return { meanKeys, p1Keys: percentile(values, 1), p99Keys: p99, maxKeys: Math.max(...values), p99OverMean: p99 / meanKeys };
}

/** Keys per host by consistent hashing over the hosts' virtual-node positions. */
function staticLoad(nodes: number, keys: number, v: number, seed: number): Record<string, number> {
  const rng = createPrng(seed);
  const positions: { id: string; owner: number }[] = [];
  for (let n = 0; n < nodes; n++) for (const id of virtualNodeIds(asNodeId(randomHex(rng, 40)), v)) positions.push({ id, owner: n });
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
  return { keys, virtualNodes: v, ...loadRow(counts, keys) };
}

/** The option on the live simulator: keys per host from real lookups, each checked against the oracle. */
function liveLoad(hosts: number, keys: number, v: number, seed: number): Record<string, number> {
  const sim = createChordSimulation({ nodes: hosts, seed, virtualNodes: v, build: 'warm', codec: false });
  sim.build();
  const hostIds = sim.liveHosts();
  const counts = new Map<NodeId, number>(hostIds.map((h) => [h, 0]));
  const outcomes: LookupOutcome[] = [];
  let done = 0;
  for (let i = 0; i < keys; i++) {
    const host = hostIds[sim.rng.int(hostIds.length)] as NodeId;
    const key = sim.randomId() as RingId;
    sim.at(i, () =>
      sim.startHostLookup(host, key, (o) => {
        outcomes.push(o);
        done++;
      }),
    );
  }
  sim.runUntilDone(() => done === keys, keys + 60_000);
  let wrong = keys - outcomes.length;
  for (const o of outcomes) {
    if (!o.correct || o.owner === null) wrong++;
    else {
      const host = sim.hostOf(o.owner);
      counts.set(host, (counts.get(host) ?? 0) + 1);
    }
  }
  const links = hostIds.map((h) => sim.positionsOf(h).reduce((sum, p) => sum + (sim.node(p)?.routingLinkCount() ?? 0), 0));
  return {
    hosts,
    virtualNodes: v,
    positions: sim.liveIds().length,
    lookups: keys,
    wrongOwners: wrong,
    meanHops: mean(outcomes.map((o) => o.hops)),
    linksPerHostMean: mean(links),
    ...loadRow([...counts.values()], keys),
  };
}

export function runLoad(opts: ExperimentOptions): ExperimentResult {
  const rows: Record<string, unknown>[] = [];
  const nodes = opts.nodes ?? loadDefaults.nodes;
  for (const keys of loadDefaults.keys) {
    for (const v of loadDefaults.virtualNodes) {
      const row = staticLoad(nodes, keys, v, opts.seed);
      rows.push(row);
      opts.log(`load: ${keys} keys, v=${v}: p99/mean ${(row['p99OverMean'] ?? 0).toFixed(2)}`);
    }
  }
  const live: Record<string, unknown>[] = [];
  for (const v of loadDefaults.virtualNodes) {
    const row = liveLoad(loadDefaults.liveHosts, loadDefaults.liveKeys, v, opts.seed);
    live.push(row);
    opts.log(`load (live): ${loadDefaults.liveHosts} hosts, v=${v}: p99/mean ${(row['p99OverMean'] ?? 0).toFixed(2)}, ${row['wrongOwners']} wrong owners`);
  }
  const liveTable = formatTable(live, ['hosts', 'virtualNodes', 'positions', 'lookups', 'wrongOwners', 'meanHops', 'linksPerHostMean', 'meanKeys', 'p1Keys', 'p99Keys', 'maxKeys', 'p99OverMean']);
  return {
    experiment: 'load',
    paper: 'SIGCOMM Fig. 8/9: p99 ≈ 4.6–4.8× the mean at 1 virtual node, ≈ 1.6× at 20',
    live: 'second table: the virtualNodes option of the simulator (hosts running several ChordNodes), keys counted per host from real lookups started at the host position nearest before each key; every owner checked against the oracle',
    rows,
    liveRows: live,
    table: `${formatTable(rows, ['keys', 'virtualNodes', 'meanKeys', 'p1Keys', 'p99Keys', 'maxKeys', 'p99OverMean'])}\n\n${liveTable}`,
  };
}

export const load: OverlayExperiment = { name: 'load', describe: 'keys per node with virtual nodes (consistent hashing, and the live option)', defaults: loadDefaults, run: runLoad };
