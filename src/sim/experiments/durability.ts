// `npm run sim -- durability [--seeds K] [--nodes N] [--json]` (DESIGN.md §6, issue 3): acknowledged
// writes on a warm ring of N nodes running the real core and store, then k simultaneous crashes
// of CONSECUTIVE ring members (the worst case for successor replication: k = R−1 leaves some keys
// with a single copy, k = R wipes some replica sets), and the count of acknowledged writes lost.
// repairSeconds: virtual time from the crashes until every affected key has R copies again on
// its current replica set (the oracle's R successors of the key).
import { createChordSimulation, type ChordSimulation, type StoreOutcome } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import { recordKeyIdSync, signMutableSync } from '../../dht/records/build.ts';
import { recordsEqual } from '../../dht/records/merge.ts';
import { REPLICAS } from '../../dht/replication/replica-set.ts';
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';

export const durabilityDefaults = {
  nodes: 1000,
  /** Writes per seed for the first seed (the 10^4). */
  writes: 10_000,
  /** Writes per seed for every further seed: 10^4 × 100 seeds does not fit a shared 2-core machine. */
  writesPerExtraSeed: 1_000,
  seeds: 1,
  /** Writes issued per second of virtual time (from random nodes). */
  writesPerSecond: 200,
  /** Quiet time (ms) after the last acknowledgement before the crashes (see the note). */
  quietMs: 10_000,
  /** Give up measuring repair after this long (ms of virtual time). */
  repairLimitMs: 600_000,
  /** Seeds that also run the k = R contrast (each is a second full build). */
  contrastSeeds: 5,
};

interface Written {
  key: KeyId;
  record: StoredRecord;
}

/** Writes `count` records from random live nodes and returns those acknowledged. */
export function writeRecords(sim: ChordSimulation, count: number, perSecond: number, tag: string): { acked: Written[]; failed: Record<string, number> } {
  const signer = sim.crypto.signerFromSeed(new TextEncoder().encode(`durability-writer-${tag}`));
  const acked: Written[] = [];
  const failed: Record<string, number> = {};
  let done = 0;
  for (let i = 0; i < count; i++) {
    sim.at((i * 1000) / perSecond, () => {
      const salt = `note-${i}`;
      const key = recordKeyIdSync(sim.crypto, signer.publicKey, salt);
      const record = signMutableSync(signer, salt, 1, new TextEncoder().encode(`value ${i} of ${tag}`));
      const from = sim.randomLiveId();
      sim.startPut(from, key, record, (o: StoreOutcome) => {
        done++;
        if (o.ok) acked.push({ key, record });
        else failed[o.code] = (failed[o.code] ?? 0) + 1;
      });
    });
  }
  sim.runUntilDone(() => done === count, (count * 1000) / perSecond + 120_000);
  return { acked, failed };
}

/** Live nodes of the key's true replica set (oracle) holding the written record on disk. */
function goodCopies(sim: ChordSimulation, w: Written, r: number): number {
  let copies = 0;
  let id = sim.oracleOwner(w.key);
  for (let i = 0; i < r; i++) {
    const held = sim.diskRecord(id, w.key);
    if (held && recordsEqual(held, w.record)) copies++;
    id = sim.oracle.successor(id);
  }
  return copies;
}

function survives(sim: ChordSimulation, w: Written): boolean {
  return sim.holders(w.key).some((id) => {
    const held = sim.diskRecord(id, w.key);
    return held !== undefined && recordsEqual(held, w.record);
  });
}

interface SeedRow {
  failedAtOnce: number;
  replicas: number;
  ackedWrites: number;
  lostAckedWrites: number;
  repairSeconds: number | null;
  affectedKeys: number;
  readsAfterRepair: number;
  readsReturningTheWrite: number;
  failedWrites: Record<string, number>;
}

export function runDurabilitySeed(seed: number, nodes: number, writes: number, failedAtOnce: number): SeedRow {
  const r = REPLICAS;
  const sim = createChordSimulation({ nodes, seed, successors: 20, build: 'warm', store: { replicas: r } });
  sim.build();
  const { acked, failed } = writeRecords(sim, writes, durabilityDefaults.writesPerSecond, `s${seed}`);
  sim.runFor(durabilityDefaults.quietMs);
  // k consecutive ring members from a random start: the replica sets they share lose k copies.
  const ids = sim.liveIds();
  const start = sim.rng.int(ids.length);
  const victims: NodeId[] = [];
  for (let i = 0; i < failedAtOnce; i++) victims.push(ids[(start + i) % ids.length] as NodeId);
  const victimSet = new Set(victims);
  const affected = acked.filter((w) => sim.holders(w.key).some((h) => victimSet.has(h)));
  const crashAt = sim.now;
  sim.crash(victims);
  const lost = acked.filter((w) => !survives(sim, w));
  const lostKeys = new Set(lost.map((w) => w.key));
  const repairable = affected.filter((w) => !lostKeys.has(w.key));
  let repairSeconds: number | null = repairable.length === 0 ? 0 : null;
  while (repairSeconds === null && sim.now - crashAt < durabilityDefaults.repairLimitMs) {
    sim.runFor(1000);
    if (repairable.every((w) => goodCopies(sim, w, r) >= r)) {
      repairSeconds = (sim.now - crashAt) / 1000;
      break;
    }
  }
  // Read every affected write back through the protocol from a random node.
  let answered = 0;
  let correct = 0;
  for (const w of repairable) {
    sim.startGet(sim.randomLiveId(), w.key, (o) => {
      answered++;
      if (o.ok && o.record && recordsEqual(o.record, w.record)) correct++;
    });
  }
  sim.runUntilDone(() => answered === repairable.length, 120_000);
  return {
    failedAtOnce,
    replicas: r,
    ackedWrites: acked.length,
    lostAckedWrites: lost.length,
    repairSeconds,
    affectedKeys: affected.length,
    readsAfterRepair: repairable.length,
    readsReturningTheWrite: correct,
    failedWrites: failed,
  };
}

export function runDurability(opts: ExperimentOptions): ExperimentResult {
  const nodes = opts.nodes ?? durabilityDefaults.nodes;
  const seeds = opts.seeds ?? durabilityDefaults.seeds;
  const r = REPLICAS;
  const rows: Record<string, unknown>[] = [];
  for (const failedAtOnce of [r - 1, r]) {
    const runs = failedAtOnce === r ? Math.min(seeds, durabilityDefaults.contrastSeeds) : seeds;
    const perSeed: SeedRow[] = [];
    for (let i = 0; i < runs; i++) {
      const seed = opts.seed + i;
      const writes = i === 0 ? durabilityDefaults.writes : durabilityDefaults.writesPerExtraSeed;
      const row = runDurabilitySeed(seed, nodes, writes, failedAtOnce);
      perSeed.push(row);
      opts.log(`durability: seed ${seed}, ${failedAtOnce} crashed at once: ${row.ackedWrites} acked, ${row.lostAckedWrites} lost, repaired in ${row.repairSeconds ?? '∞'} s, reads ${row.readsReturningTheWrite}/${row.readsAfterRepair}`);
    }
    const repair = perSeed.map((p) => p.repairSeconds).filter((x): x is number => x !== null).sort((a, b) => a - b);
    rows.push({
      failedAtOnce,
      replicas: r,
      seeds: runs,
      ackedWrites: perSeed.reduce((a, p) => a + p.ackedWrites, 0),
      lostAckedWrites: perSeed.reduce((a, p) => a + p.lostAckedWrites, 0),
      repairSeconds: repair.length ? repair[Math.floor(repair.length / 2)] : null,
      maxRepairSeconds: repair.length ? repair[repair.length - 1] : null,
      unrepairedSeeds: perSeed.length - repair.length,
      affectedKeys: perSeed.reduce((a, p) => a + p.affectedKeys, 0),
      readsAfterRepair: perSeed.reduce((a, p) => a + p.readsAfterRepair, 0),
      readsReturningTheWrite: perSeed.reduce((a, p) => a + p.readsReturningTheWrite, 0),
      unackedWrites: perSeed.reduce((a, p) => a + Object.values(p.failedWrites).reduce((x, y) => x + y, 0), 0),
    });
  }
  return {
    experiment: 'durability',
    note: `warm ring of ${nodes} nodes, R = ${r}, W = 2; the first seed writes ${durabilityDefaults.writes}, each further seed ${durabilityDefaults.writesPerExtraSeed}; the crashed nodes are consecutive ring members (worst case) and strike ${durabilityDefaults.quietMs / 1000} s after the last acknowledgement; repairSeconds is the median over seeds (max beside it) until every surviving affected key has R copies on its current replica set; k = R runs on at most ${durabilityDefaults.contrastSeeds} seeds`,
    rows,
    table: formatTable(rows, ['failedAtOnce', 'replicas', 'seeds', 'ackedWrites', 'lostAckedWrites', 'repairSeconds', 'maxRepairSeconds', 'unrepairedSeeds', 'affectedKeys', 'readsReturningTheWrite', 'readsAfterRepair', 'unackedWrites']),
  };
}

export const durability: OverlayExperiment = {
  name: 'durability',
  describe: 'acknowledged writes, then R−1 (and R) simultaneous crashes: lost writes and re-replication time',
  defaults: durabilityDefaults,
  run: runDurability,
};
