// The replicated store through the simulator (DESIGN.md §6): writes come back, bad records are
// refused with the typed code back at the writer, acknowledged writes survive R−1 simultaneous
// crashes, a joining node receives its range. Seeded; a failure prints the replay command.
import { expect } from 'chai';
import { recordsEqual } from '../../../src/dht/records/merge.ts';
import { runDurabilitySeed, writeRecords } from '../../../src/sim/experiments/durability.ts';
import { MAX_RECORD_BYTES } from '../../../src/wire/records.ts';
import { toBase64url } from '../../../src/dht/records/bytes.ts';
import { getSync, mutableFor, putSync, replay, storeRing, testSeed, writer } from './sim-store.ts';

const FILE = 'test/unit/store-protocol/store-protocol.test.ts';

describe('replicated store protocol (simulator)', () => {
  it('a put is acknowledged by W replicas and a get from any node returns what was written', () => {
    const seed = testSeed(11);
    const sim = storeRing(seed);
    const alice = writer(sim, 'alice');
    for (let i = 0; i < 20; i++) {
      const { key, record } = mutableFor(sim, alice, `note-${i}`, 1, `hello ${i}`);
      const put = putSync(sim, sim.randomLiveId(), key, record);
      expect(put.ok, `${replay(seed, FILE)}: ${JSON.stringify(put)}`).to.equal(true);
      if (put.ok) expect(put.replicas.length, replay(seed, FILE)).to.be.at.least(2);
      const got = getSync(sim, sim.randomLiveId(), key);
      expect(got.ok && got.record !== null && recordsEqual(got.record, record), `${replay(seed, FILE)}: ${JSON.stringify(got)}`).to.equal(true);
    }
    sim.runFor(5_000);
    const { key } = mutableFor(sim, alice, 'note-0', 1, 'hello 0');
    expect(sim.holders(key).length, replay(seed, FILE)).to.equal(3);
  });

  it('a newer seq replaces the value; an older seq is refused as stale, back at the writer', () => {
    const seed = testSeed(12);
    const sim = storeRing(seed);
    const alice = writer(sim, 'alice');
    const v2 = mutableFor(sim, alice, 'n', 2, 'two');
    const v1 = mutableFor(sim, alice, 'n', 1, 'one');
    expect(putSync(sim, sim.randomLiveId(), v2.key, v2.record).ok, replay(seed, FILE)).to.equal(true);
    const stale = putSync(sim, sim.randomLiveId(), v1.key, v1.record);
    expect(stale.ok ? 'ok' : stale.code, replay(seed, FILE)).to.equal('stale');
    const got = getSync(sim, sim.randomLiveId(), v2.key);
    expect(got.ok && got.record && recordsEqual(got.record, v2.record), replay(seed, FILE)).to.equal(true);
  });

  it('forged, wrongly keyed and oversized records are refused with their code, and nothing is stored', () => {
    const seed = testSeed(13);
    const sim = storeRing(seed);
    const alice = writer(sim, 'alice');
    const mallory = writer(sim, 'mallory');
    const good = mutableFor(sim, alice, 'n', 1, 'real');
    // Forged: alice's key and salt, a value she never signed (mallory's signature over it).
    const forgedSig = mutableFor(sim, mallory, 'n', 1, 'fake').record.sig;
    const forged = { ...good.record, value: toBase64url(new TextEncoder().encode('fake')), sig: forgedSig };
    const f = putSync(sim, sim.randomLiveId(), good.key, forged);
    expect(f.ok ? 'ok' : f.code, replay(seed, FILE)).to.equal('forged');
    // Wrong key: a valid record sent to a key it does not hash to.
    const other = mutableFor(sim, alice, 'other', 1, 'x');
    const w = putSync(sim, sim.randomLiveId(), other.key, good.record);
    expect(w.ok ? 'ok' : w.code, replay(seed, FILE)).to.equal('wrong_key');
    // Too large: a value whose record exceeds MAX_RECORD_BYTES of JSON.
    const big = mutableFor(sim, alice, 'big', 1, 'x'.repeat(Math.floor(MAX_RECORD_BYTES * 0.8)));
    const t = putSync(sim, sim.randomLiveId(), big.key, big.record);
    expect(t.ok ? 'ok' : t.code, replay(seed, FILE)).to.equal('too_large');
    sim.runFor(5_000);
    expect(sim.holders(good.key), replay(seed, FILE)).to.deep.equal([]);
    expect(sim.holders(big.key), replay(seed, FILE)).to.deep.equal([]);
    const got = getSync(sim, sim.randomLiveId(), good.key);
    expect(got.ok && got.record === null, replay(seed, FILE)).to.equal(true);
  });

  it('every acknowledged write survives R−1 simultaneous crashes of consecutive nodes and reads back', () => {
    for (const seed of [testSeed(21), testSeed(22)]) {
      const row = runDurabilitySeed(seed, 40, 150, 2);
      expect(row.ackedWrites, replay(seed, FILE)).to.be.greaterThan(140);
      expect(row.lostAckedWrites, replay(seed, FILE)).to.equal(0);
      expect(row.repairSeconds, replay(seed, FILE)).to.not.equal(null);
      expect(row.readsReturningTheWrite, replay(seed, FILE)).to.equal(row.readsAfterRepair);
    }
  });

  it('a joining node receives the records of its range from its successor', () => {
    const seed = testSeed(31);
    const sim = storeRing(seed);
    const { acked } = writeRecords(sim, 120, 50, 'join');
    expect(acked.length, replay(seed, FILE)).to.equal(120);
    const joined = sim.joinNode();
    sim.runFor(120_000);
    const pred = sim.oracle.predecessor(joined);
    const mine = acked.filter((w) => sim.oracleOwner(w.key) === joined);
    for (const w of mine) {
      const held = sim.diskRecord(joined, w.key);
      expect(held !== undefined && recordsEqual(held, w.record), `${replay(seed, FILE)}: key ${w.key} in (${pred}, ${joined}]`).to.equal(true);
    }
    // Every acked record still has R copies on its current replica set.
    for (const w of acked) {
      let id = sim.oracleOwner(w.key);
      let copies = 0;
      for (let i = 0; i < 3; i++) {
        if (sim.diskRecord(id, w.key)) copies++;
        id = sim.oracle.successor(id);
      }
      expect(copies, `${replay(seed, FILE)}: key ${w.key}`).to.equal(3);
    }
  });
});
