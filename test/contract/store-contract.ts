// The one contract every RecordStore adapter passes (CONVENTIONS.md §7): the memory store in Node
// and Chromium (test/unit/records/memory-store.test.ts) and the IndexedDB store in Chromium
// (test/browser/store/idb-store.test.ts). Records are signed with the simulator's signer.
import { expect } from 'chai';
import type { RecordStore, RingRange } from '../../src/ports/record-store.ts';
import { inRingRange } from '../../src/ports/record-store.ts';
import { asNodeId, type KeyId } from '../../src/wire/ids.ts';
import { MAX_RECORD_BYTES, recordSizeBytes, type StoredRecord } from '../../src/wire/records.ts';
import { createSimCrypto } from '../../src/dht/records/sim-signer.ts';
import { recordKeyIdSync, setRecordOf, signMutableSync, signSetEntrySync } from '../../src/dht/records/build.ts';
import { verifyRecordSync } from '../../src/dht/records/verify.ts';
import { toBase64url, utf8 } from '../../src/dht/records/bytes.ts';
import { canonicalJson } from '../../src/dht/records/merge.ts';
import { rangeDigests } from '../../src/dht/replication/digest.ts';

export interface StoreUnderTest {
  store: RecordStore;
  /** Closes and opens the same storage again (persistent adapters only). */
  reopen?: () => Promise<RecordStore>;
  /** Deletes everything the store created. */
  teardown: () => Promise<void>;
}

export type StoreSetup = (init: { quotaBytes?: number }) => Promise<StoreUnderTest>;

const crypto = createSimCrypto();
const seedOf = (n: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? n : 0));
const alice = crypto.signerFromSeed(seedOf(1));
const mallory = crypto.signerFromSeed(seedOf(66));

const keyOf = (salt: string): KeyId => recordKeyIdSync(crypto, alice.publicKey, salt);
const mutable = (salt: string, seq: number, value: string) => signMutableSync(alice, salt, seq, utf8(value));
const verdict = (r: StoredRecord) => verifyRecordSync(r, crypto);
const put = (store: RecordStore, key: KeyId, r: StoredRecord) => store.put(key, r, verdict(r));
const same = (a: StoredRecord | undefined, b: StoredRecord | undefined): void => {
  expect(a && canonicalJson(a)).to.equal(b && canonicalJson(b));
};

export function runStoreContract(name: string, setup: StoreSetup, options: { persistent?: boolean } = {}): void {
  describe(`RecordStore contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: RecordStore;
    const open = async (init: { quotaBytes?: number } = {}): Promise<void> => {
      sut = await setup(init);
      store = sut.store;
    };
    afterEach(async () => {
      await sut?.teardown();
    });

    it('stores, reads back and replaces by seq; refuses an older seq and keeps the newer', async () => {
      await open();
      const key = keyOf('note');
      expect(await store.get(key)).to.equal(undefined);
      const v1 = mutable('note', 1, 'one');
      const first = await put(store, key, v1);
      expect(first.ok && first.changed).to.equal(true);
      same(await store.get(key), v1);
      const v2 = mutable('note', 2, 'two');
      expect((await put(store, key, v2)).ok).to.equal(true);
      const stale = await put(store, key, v1);
      expect(stale.ok ? 'ok' : stale.error.code).to.equal('stale');
      same(await store.get(key), v2);
      const replay = await put(store, key, v2);
      expect(replay.ok && replay.changed).to.equal(false);
    });

    it('refuses forged, wrongly keyed and oversized records, storing nothing', async () => {
      await open();
      const key = keyOf('note');
      const forged = { ...mutable('note', 1, 'one'), value: toBase64url(utf8('evil')) };
      const byMallory = { ...signMutableSync(mallory, 'note', 9, utf8('mine')), publicKey: toBase64url(alice.publicKey) };
      const elsewhere = mutable('other', 1, 'one');
      const big = mutable('note', 1, 'x'.repeat(MAX_RECORD_BYTES));
      const codes = [];
      for (const r of [forged, byMallory, elsewhere, big]) {
        const res = await put(store, key, r);
        codes.push(res.ok ? 'ok' : res.error.code);
      }
      expect(codes).to.deep.equal(['forged', 'forged', 'wrong_key', 'too_large']);
      expect(await store.get(key)).to.equal(undefined);
      expect((await store.usage()).records).to.equal(0);
    });

    it('merges set records by union and honours snapshots, also for concurrent puts to one key', async () => {
      await open();
      const key = keyOf('doc');
      const entries = Array.from({ length: 12 }, (_, i) => signSetEntrySync(crypto, alice, 'doc', utf8(`u${i}`)));
      const results = await Promise.all(entries.map((e) => put(store, key, setRecordOf(alice, 'doc', [e]))));
      expect(results.every((r) => r.ok)).to.equal(true);
      const all = await store.get(key);
      expect(all?.type === 'set' && all.entries.length).to.equal(12);
      const snap = signSetEntrySync(crypto, alice, 'doc', utf8('snapshot'), entries.slice(0, 10).map((e) => e.id));
      await put(store, key, setRecordOf(alice, 'doc', [snap]));
      // A late replica offers old entries again: they stay dead.
      await put(store, key, setRecordOf(alice, 'doc', entries.slice(0, 3)));
      const after = await store.get(key);
      expect(after?.type === 'set' && after.entries.map((e) => e.id).sort()).to.deep.equal([snap.id, entries[10]!.id, entries[11]!.id].sort());
    });

    it('enforces its quota with a typed error and counts usage in record bytes', async () => {
      const a = mutable('a', 1, 'a'.repeat(300));
      const b = mutable('b', 1, 'b'.repeat(300));
      await open({ quotaBytes: recordSizeBytes(a) + 100 });
      expect((await put(store, keyOf('a'), a)).ok).to.equal(true);
      const over = await put(store, keyOf('b'), b);
      expect(over.ok ? 'ok' : over.error.code).to.equal('quota');
      expect(await store.usage()).to.deep.include({ records: 1, bytes: recordSizeBytes(a) });
      await store.delete(keyOf('a'));
      expect(await store.usage()).to.deep.include({ records: 0, bytes: 0 });
      expect((await put(store, keyOf('b'), b)).ok).to.equal(true);
    });

    it('applies putMany in request order with per-request results', async () => {
      await open();
      const v1 = mutable('m', 1, 'one');
      const v2 = mutable('m', 2, 'two');
      const res = await store.putMany([
        { key: keyOf('m'), record: v2, verdict: verdict(v2) },
        { key: keyOf('m'), record: v1, verdict: verdict(v1) },
        { key: keyOf('n'), record: v1, verdict: verdict(v1) },
        { key: keyOf('p'), record: mutable('p', 1, 'p'), verdict: verdict(mutable('p', 1, 'p')) },
      ]);
      expect(res.map((r) => (r.ok ? 'ok' : r.error.code))).to.deep.equal(['ok', 'stale', 'wrong_key', 'ok']);
      same(await store.get(keyOf('m')), v2);
      expect((await store.usage()).records).to.equal(2);
    });

    it('lists keys, summaries and digests of ring ranges, wrap-around and whole ring included', async () => {
      await open();
      const salts = Array.from({ length: 40 }, (_, i) => `k${i}`);
      const keys = salts.map(keyOf);
      await store.putMany(salts.map((s, i) => {
        const r = mutable(s, 1, s);
        return { key: keys[i]!, record: r, verdict: verdict(r) };
      }));
      const ranges: RingRange[] = [
        { from: asNodeId('4'.repeat(40)), to: asNodeId('b'.repeat(40)) },
        { from: asNodeId('c'.repeat(40)), to: asNodeId('3'.repeat(40)) },
        { from: keys[0]!, to: keys[0]! },
        { from: keys[1]!, to: keys[2]! },
      ];
      for (const range of ranges) {
        const expected = keys.filter((k) => inRingRange(k, range)).sort();
        expect(await store.keysInRange(range)).to.deep.equal(expected);
        const summaries = await store.summarize(range);
        expect(summaries.map((s) => s.key)).to.deep.equal(expected);
        expect(await store.digest(range, 4)).to.deep.equal(rangeDigests(summaries, range, 4));
      }
    });

    if (options.persistent) {
      it('keeps records and usage across a reopen', async () => {
        await open();
        const v1 = mutable('keep', 3, 'kept');
        await put(store, keyOf('keep'), v1);
        if (!sut.reopen) throw new Error('a persistent store under test must provide reopen()');
        store = await sut.reopen();
        same(await store.get(keyOf('keep')), v1);
        expect(await store.usage()).to.deep.include({ records: 1, bytes: recordSizeBytes(v1) });
      });
    }
  });
}
