import { expect } from 'chai';
import { canonicalJson, mergeRecords, normalizeRecord } from '../../../src/dht/records/merge.ts';
import { setRecordOf, signSetEntrySync } from '../../../src/dht/records/build.ts';
import { utf8 } from '../../../src/dht/records/bytes.ts';
import { MAX_TOMBSTONES, type StoredRecord } from '../../../src/wire/records.ts';
import { alice, crypto, entryPool, mutable, randomRecord } from './fixtures.ts';
import { forSeeds, seedRange } from './seeded.ts';

const FILE = 'test/unit/records/merge-laws.test.ts';
const same = (a: StoredRecord, b: StoredRecord, what: string): void => {
  expect(canonicalJson(a), what).to.equal(canonicalJson(b));
};

describe('mergeRecords laws (seeded random records)', () => {
  it('is commutative, associative and idempotent', () => {
    forSeeds(FILE, seedRange(1000, 40), (rng) => {
      const pool = entryPool(rng, 30);
      for (let i = 0; i < 50; i++) {
        const a = randomRecord(rng, pool);
        const b = randomRecord(rng, pool);
        const c = randomRecord(rng, pool);
        same(mergeRecords(a, b), mergeRecords(b, a), 'commutative');
        same(mergeRecords(mergeRecords(a, b), c), mergeRecords(a, mergeRecords(b, c)), 'associative');
        same(mergeRecords(a, a), a, 'idempotent');
        same(mergeRecords(mergeRecords(a, b), b), mergeRecords(a, b), 'absorbs a repeat');
      }
    });
  });

  it('gives every replica the same record whatever order and duplication of delivery', () => {
    forSeeds(FILE, seedRange(2000, 20), (rng) => {
      const pool = entryPool(rng, 25);
      const writes = Array.from({ length: 8 }, () => setRecordOf(alice, 'doc', [pool[rng.int(pool.length)]!]));
      const replicaState = (): StoredRecord => {
        let state: StoredRecord = setRecordOf(alice, 'doc', []);
        for (let k = 0; k < 20; k++) state = mergeRecords(state, writes[rng.int(writes.length)]!);
        for (const w of writes) state = mergeRecords(w, state);
        return state;
      };
      same(replicaState(), replicaState(), 'converged');
    });
  });
});

describe('mergeRecords rules', () => {
  it('keeps the higher seq of a mutable record and breaks equal-seq ties the same way both ways', () => {
    const v1 = mutable(alice, 1, 'one');
    const v2 = mutable(alice, 2, 'two');
    expect(mergeRecords(v1, v2)).to.equal(v2);
    expect(mergeRecords(v2, v1)).to.equal(v2);
    const x = mutable(alice, 3, 'x');
    const y = mutable(alice, 3, 'y');
    expect(canonicalJson(mergeRecords(x, y))).to.equal(canonicalJson(mergeRecords(y, x)));
  });

  it('drops superseded set entries and keeps their ids as tombstones against late replicas', () => {
    const e1 = signSetEntrySync(crypto, alice, 'doc', utf8('u1'));
    const e2 = signSetEntrySync(crypto, alice, 'doc', utf8('u2'));
    const snap = signSetEntrySync(crypto, alice, 'doc', utf8('snapshot'), [e1.id, e2.id]);
    const compacted = mergeRecords(setRecordOf(alice, 'doc', [e1, e2]), setRecordOf(alice, 'doc', [snap]));
    if (compacted.type !== 'set') throw new Error('expected a set');
    expect(compacted.entries.map((e) => e.id)).to.deep.equal([snap.id]);
    expect(compacted.tombstones).to.deep.equal([e1.id, e2.id].sort());
    // The snapshot itself is superseded later; its tombstones still keep e1 from coming back.
    const snap2 = signSetEntrySync(crypto, alice, 'doc', utf8('snapshot 2'), [snap.id]);
    const later = mergeRecords(compacted, setRecordOf(alice, 'doc', [snap2]));
    const resurrected = mergeRecords(later, setRecordOf(alice, 'doc', [e1]));
    if (resurrected.type !== 'set') throw new Error('expected a set');
    expect(resurrected.entries.map((e) => e.id)).to.deep.equal([snap2.id]);
  });

  it(`caps tombstones at ${MAX_TOMBSTONES}, keeping the largest ids, and stays commutative and idempotent`, () => {
    const olds = Array.from({ length: MAX_TOMBSTONES + 40 }, (_, i) => signSetEntrySync(crypto, alice, 'big', utf8(`o${i}`)));
    const half = Math.floor(olds.length / 2);
    const s1 = signSetEntrySync(crypto, alice, 'big', utf8('s1'), olds.slice(0, half).map((e) => e.id));
    const s2 = signSetEntrySync(crypto, alice, 'big', utf8('s2'), olds.slice(half, half + MAX_TOMBSTONES - 1).map((e) => e.id));
    const a = normalizeRecord(setRecordOf(alice, 'big', [s1]));
    const b = normalizeRecord(setRecordOf(alice, 'big', [s2]));
    const ab = mergeRecords(a, b);
    if (ab.type !== 'set') throw new Error('expected a set');
    expect(ab.tombstones).to.have.length(MAX_TOMBSTONES);
    const all = [...olds.slice(0, half + MAX_TOMBSTONES - 1).map((e) => e.id)].sort();
    expect(ab.tombstones).to.deep.equal(all.slice(-MAX_TOMBSTONES));
    same(ab, mergeRecords(b, a), 'commutative past the cap');
    same(mergeRecords(ab, ab), ab, 'idempotent past the cap');
  });
});
