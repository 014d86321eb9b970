// Repair paths of the replicated store (DESIGN.md §6): anti-entropy spreads a record only the
// primary holds to its replicas; a read joins the replicas' copies and repairs the stale ones.
import { expect } from 'chai';
import { recordsEqual } from '../../../src/dht/records/merge.ts';
import type { NodeId } from '../../../src/wire/ids.ts';
import { getSync, mutableFor, putSync, replay, storeRing, testSeed, writer } from './sim-store.ts';

const FILE = 'test/unit/store-protocol/repair.test.ts';

describe('replicated store repair (simulator)', () => {
  it('anti-entropy copies a record that only the primary holds to its R−1 replicas', () => {
    const seed = testSeed(41);
    const sim = storeRing(seed);
    const alice = writer(sim, 'alice');
    const { key, record } = mutableFor(sim, alice, 'quiet', 1, 'only on the primary');
    const primary = sim.oracleOwner(key);
    // As if the primary restored it from its disk after the replicas lost theirs.
    sim.node(primary)?.loadRecords([{ key, record }]);
    sim.runFor(200_000); // anti-entropy runs every 30–90 s
    const replicas: NodeId[] = [sim.oracle.successor(primary), sim.oracle.successor(primary, 2)];
    for (const id of replicas) {
      const held = sim.diskRecord(id, key);
      expect(held !== undefined && recordsEqual(held, record), `${replay(seed, FILE)}: replica ${id}`).to.equal(true);
    }
  });

  it('a read returns the newest copy any replica holds and repairs the others', () => {
    const seed = testSeed(42);
    const sim = storeRing(seed);
    const alice = writer(sim, 'alice');
    const v1 = mutableFor(sim, alice, 'n', 1, 'old');
    const v2 = mutableFor(sim, alice, 'n', 2, 'new');
    expect(putSync(sim, sim.randomLiveId(), v1.key, v1.record).ok, replay(seed, FILE)).to.equal(true);
    sim.runFor(2_000);
    const primary = sim.oracleOwner(v1.key);
    const last = sim.oracle.successor(primary, 2);
    sim.node(last)?.loadRecords([{ key: v2.key, record: v2.record }]); // only the last replica knows v2
    const got = getSync(sim, sim.randomLiveId(), v1.key);
    expect(got.ok && got.record !== null && recordsEqual(got.record, v2.record), `${replay(seed, FILE)}: ${JSON.stringify(got)}`).to.equal(true);
    sim.runFor(2_000);
    for (const id of [primary, sim.oracle.successor(primary)]) {
      const held = sim.diskRecord(id, v1.key);
      expect(held !== undefined && recordsEqual(held, v2.record), `${replay(seed, FILE)}: ${id} repaired`).to.equal(true);
    }
  });
});
