// The notes layer over the store's real record semantics: entries published through
// setRecordRemote are merged by the store's own merge (src/dht/records/merge.ts) and admitted
// only if the store's own verification passes; compaction's snapshot removes folded entries.
import { expect } from 'chai';
import { mergeRecords, normalizeRecord } from '../../../src/dht/records/merge.ts';
import { verificationPlan, verdictFromResults } from '../../../src/dht/records/verify.ts';
import { runVerificationPlan, type RecordCrypto } from '../../../src/ports/crypto.ts';
import { parseRecord, recordSizeBytes, MAX_RECORD_BYTES, type SetRecord } from '../../../src/wire/records.ts';
import { openCache } from '../../../src/notes/cache.ts';
import { createSecret } from '../../../src/notes/keys.ts';
import { COMPACT_AFTER_ENTRIES } from '../../../src/notes/limits.ts';
import { Notebook, noteSalt } from '../../../src/notes/notebook.ts';
import { setRecordRemote, type SetRecordStore } from '../../../src/notes/set-record-remote.ts';
import { freshCacheName } from './fake-remote.ts';

const webCrypto: RecordCrypto = {
  sha256: async (b) => new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b))),
  verify: async (pub, bytes, sig) => {
    try {
      const key = await crypto.subtle.importKey('raw', new Uint8Array(pub), 'Ed25519', false, ['verify']);
      return await crypto.subtle.verify('Ed25519', key, new Uint8Array(sig), new Uint8Array(bytes));
    } catch {
      return false;
    }
  },
  signerFromSeed: () => Promise.reject(new Error('not needed')),
};

/** One replica with the store's rules: schema, verification, merge, size cap. */
class StoreReplica implements SetRecordStore {
  readonly records = new Map<string, SetRecord>();
  refused: string[] = [];

  async put(input: SetRecord): Promise<number> {
    const parsed = parseRecord(input);
    if (!parsed.ok || parsed.record.type !== 'set') {
      this.refused.push(parsed.ok ? 'not a set' : parsed.error.message);
      return 0;
    }
    const record = normalizeRecord(parsed.record);
    const plan = verificationPlan(record);
    const verdict = verdictFromResults(record, plan, await runVerificationPlan(plan, webCrypto));
    if (!verdict.authentic) {
      this.refused.push(verdict.reason ?? 'forged');
      return 0;
    }
    const key = `${record.publicKey}/${record.salt}`;
    const old = this.records.get(key);
    const merged = old ? mergeRecords(old, record) : record;
    if (merged.type !== 'set' || recordSizeBytes(merged) > MAX_RECORD_BYTES) {
      this.refused.push('too large');
      return 0;
    }
    this.records.set(key, merged);
    return 1;
  }

  get(publicKey: string, salt: string): Promise<SetRecord | undefined> {
    return Promise.resolve(this.records.get(`${publicKey}/${salt}`));
  }
}

describe('notes over the store\'s set records', () => {
  it('publishes entries replicas admit and merge, compaction tombstones folded entries, a second writer reads it all', async () => {
    const replica = new StoreReplica();
    const remote = setRecordRemote(replica);
    const secret = createSecret();
    const c1 = await openCache(freshCacheName());
    const a = await Notebook.open({ kind: 'write', secret }, { cache: c1, remote });
    const id = await a.createNote('');
    let text = '';
    for (let i = 0; i < COMPACT_AFTER_ENTRIES + 4; i++) {
      text += `word${i} `;
      a.editNote(id, text);
      if (i % 8 === 0) expect(await a.flush()).to.equal(0);
    }
    expect(await a.flush()).to.equal(0);
    expect(replica.refused).to.deep.equal([]);
    const note = replica.records.get(`${a.keys.publicKeyText}/${noteSalt(id)}`);
    // The snapshot superseded what it folded: the record holds few entries and keeps tombstones.
    expect(note?.entries.length).to.be.lessThan(COMPACT_AFTER_ENTRIES / 2);
    expect(note?.tombstones.length).to.be.greaterThan(0);
    expect(a.status(id)).to.deep.equal({ state: 'replicated', replicas: 1 });
    // A replica without the link holds only ciphertext: no word of the note, no title, in any record.
    const stored = JSON.stringify([...replica.records.values()]);
    expect(stored).to.not.include('word1');
    expect(stored).to.not.include(btoa('word1').slice(0, 6));

    const c2 = await openCache(freshCacheName());
    const b = await Notebook.open({ kind: 'write', secret }, { cache: c2, remote });
    await b.pull();
    expect(b.noteText(id)).to.equal(text);
    a.close();
    b.close();
    c1.close();
    c2.close();
  });
});
