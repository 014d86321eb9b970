import { expect } from 'chai';
import { checkIncoming, type AdmitContext } from '../../../src/dht/records/check-incoming.ts';
import { verifyRecordSync } from '../../../src/dht/records/verify.ts';
import { recordKeyIdSync, setRecordOf, signSetEntrySync } from '../../../src/dht/records/build.ts';
import { toBase64url, utf8 } from '../../../src/dht/records/bytes.ts';
import { MAX_RECORD_BYTES, parseRecord, recordSizeBytes, type StoredRecord } from '../../../src/wire/records.ts';
import { alice, bob, crypto, mutable } from './fixtures.ts';

const noteKey = recordKeyIdSync(crypto, alice.publicKey, 'note');
const ctx = (over: Partial<AdmitContext> = {}): AdmitContext => ({ key: noteKey, usedBytes: 0, quotaBytes: 1 << 20, ...over });
const admit = (existing: StoredRecord | undefined, incoming: StoredRecord, c = ctx()) =>
  checkIncoming(existing, incoming, verifyRecordSync(incoming, crypto), c);
const codeOf = (r: ReturnType<typeof admit>): string => (r.ok ? 'ok' : r.error.code);

describe('checkIncoming', () => {
  it('accepts a fresh signed record, a newer seq, and an identical replay (unchanged)', () => {
    const v1 = mutable(alice, 1, 'one');
    const first = admit(undefined, v1);
    expect(first.ok && first.changed).to.equal(true);
    const v2 = mutable(alice, 2, 'two');
    const second = admit(v1, v2);
    expect(second.ok && second.record).to.equal(v2);
    const replay = admit(v2, v2);
    expect(replay.ok && !replay.changed).to.equal(true);
  });

  it('refuses a forged record: changed value, or signed by another key', () => {
    const v1 = mutable(alice, 1, 'one');
    expect(codeOf(admit(undefined, { ...v1, value: toBase64url(utf8('evil')) }))).to.equal('forged');
    const bobs = mutable(bob, 5, 'mine now');
    expect(codeOf(admit(undefined, { ...bobs, publicKey: v1.publicKey }))).to.equal('forged');
    const bumped = { ...v1, seq: 9 };
    expect(codeOf(admit(v1, bumped))).to.equal('forged');
  });

  it('refuses a forged set entry and an entry whose id does not match its bytes', () => {
    const e = signSetEntrySync(crypto, alice, 'note', utf8('u'));
    const good = setRecordOf(alice, 'note', [e]);
    expect(codeOf(admit(undefined, good))).to.equal('ok');
    const badSig = setRecordOf(alice, 'note', [{ ...e, data: toBase64url(utf8('v')) }]);
    expect(codeOf(admit(undefined, badSig))).to.equal('forged');
    const badId = setRecordOf(alice, 'note', [{ ...e, id: 'f'.repeat(32) }]);
    expect(codeOf(admit(undefined, badId))).to.equal('forged');
  });

  it('refuses a stale seq and the loser of an equal-seq tie-break, deterministically', () => {
    const v1 = mutable(alice, 1, 'one');
    const v2 = mutable(alice, 2, 'two');
    expect(codeOf(admit(v2, v1))).to.equal('stale');
    const x = mutable(alice, 3, 'x');
    const y = mutable(alice, 3, 'y');
    const codes = [codeOf(admit(x, y)), codeOf(admit(y, x))].sort();
    expect(codes).to.deep.equal(['ok', 'stale']);
  });

  it('refuses a record sent to the wrong key, and a type change under one key', () => {
    const other = mutable(alice, 1, 'one', 'elsewhere');
    expect(codeOf(admit(undefined, other))).to.equal('wrong_key');
    const set = setRecordOf(alice, 'note', [signSetEntrySync(crypto, alice, 'note', utf8('u'))]);
    expect(codeOf(admit(mutable(alice, 1, 'one'), set))).to.equal('wrong_key');
  });

  it('refuses a record over 64 KiB, and a merge that would grow past it', () => {
    const big = mutable(alice, 1, 'x'.repeat(MAX_RECORD_BYTES));
    expect(codeOf(admit(undefined, big))).to.equal('too_large');
    const chunk = 'y'.repeat(20 * 1024);
    const entries = [0, 1, 2].map((i) => signSetEntrySync(crypto, alice, 'note', utf8(chunk + i)));
    const twoOfThem = setRecordOf(alice, 'note', entries.slice(0, 2));
    expect(codeOf(admit(undefined, twoOfThem))).to.equal('ok');
    expect(codeOf(admit(twoOfThem, setRecordOf(alice, 'note', entries.slice(2))))).to.equal('too_large');
  });

  it('refuses a change that would exceed the quota, but not a replay', () => {
    const v1 = mutable(alice, 1, 'one');
    const size = recordSizeBytes(v1);
    expect(codeOf(admit(undefined, v1, ctx({ usedBytes: 1000, quotaBytes: 1000 + size - 1 })))).to.equal('quota');
    expect(codeOf(admit(undefined, v1, ctx({ usedBytes: 1000, quotaBytes: 1000 + size })))).to.equal('ok');
    expect(codeOf(admit(v1, v1, ctx({ usedBytes: 5000, quotaBytes: 10 })))).to.equal('ok');
  });

  it('parses untrusted input into a record or a malformed rejection', () => {
    const v1 = mutable(alice, 1, 'one');
    expect(parseRecord(JSON.parse(JSON.stringify(v1)) as unknown).ok).to.equal(true);
    for (const bad of [null, 42, { ...v1, seq: -1 }, { ...v1, seq: 1.5 }, { ...v1, sig: 'abc' }, { ...v1, extra: 1 }, { ...v1, salt: 'x'.repeat(65) }, { ...v1, type: 'other' }]) {
      const r = parseRecord(bad);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(bad)?.slice(0, 80)).to.equal('malformed');
    }
  });
});
