// The notes layer's entries are the store's set entries: the replicas' own verification
// (src/dht/records/verify.ts) accepts them, refuses forged ones, and the signed bytes agree.
import { expect } from 'chai';
import { setEntrySignedBytes as storeBytes } from '../../../src/dht/records/signed-bytes.ts';
import { normalizeRecord } from '../../../src/dht/records/merge.ts';
import { verificationPlan, verdictFromResults } from '../../../src/dht/records/verify.ts';
import { runVerificationPlan, type RecordCrypto } from '../../../src/ports/crypto.ts';
import { fromBase64url } from '../../../src/notes/base64url.ts';
import { sealEntry, type EncryptedEntry } from '../../../src/notes/entry.ts';
import { createSecret, deriveKeys } from '../../../src/notes/keys.ts';
import { setEntrySignedBytes } from '../../../src/notes/set-entry-bytes.ts';
import { parseRecord, type SetRecord } from '../../../src/wire/records.ts';
import { createNotebookRemote } from '../../../src/runtime/notebook-remote.ts';
import type { NotebookRemote } from '../../../src/notes/remote.ts';

// Compile-time check: the runtime's NotebookRemote (restated there, since src/runtime may not
// import src/notes) is assignable to the notes layer's. The typecheck fails if they drift apart.
const runtimeRemoteFits: (store: Parameters<typeof createNotebookRemote>[0]) => NotebookRemote = createNotebookRemote;

/** WebCrypto behind the store's crypto port (the store engineer's adapter may differ; same contract). */
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

async function judge(publicKey: string, salt: string, entries: EncryptedEntry[]): Promise<boolean> {
  const parsed = parseRecord({ type: 'set', publicKey, salt, entries, tombstones: [] });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const record: SetRecord | undefined = parsed.record.type === 'set' ? parsed.record : undefined;
  if (!record) throw new Error('not a set');
  const normal = normalizeRecord(record);
  const plan = verificationPlan(normal);
  const verdict = verdictFromResults(normal, plan, await runVerificationPlan(plan, webCrypto));
  return verdict.authentic;
}

describe('notes: entries are store set entries', () => {
  it('the runtime\'s NotebookRemote fits the notes layer (checked by the typecheck)', () => {
    expect(runtimeRemoteFits).to.be.a('function');
  });

  it('signs the same bytes the store verifies', () => {
    const data = crypto.getRandomValues(new Uint8Array(100));
    const ids = ['0123456789abcdef0123456789abcdef', 'ffffffffffffffffffffffffffffffff'];
    expect(setEntrySignedBytes('note/x', data, ids)).to.deep.equal(storeBytes('note/x', data, ids));
    expect(setEntrySignedBytes('', new Uint8Array(0), [])).to.deep.equal(storeBytes('', new Uint8Array(0), []));
  });

  it('the store schema and verification accept our entries and snapshots, and refuse another key', async () => {
    const keys = await deriveKeys({ kind: 'write', secret: createSecret() });
    const a = await sealEntry(keys, 'note/x', 'update', new Uint8Array([1, 2, 3]));
    const b = await sealEntry(keys, 'note/x', 'update', new Uint8Array([4]));
    const snap = await sealEntry(keys, 'note/x', 'snapshot', new Uint8Array([1, 2, 3, 4]), [a.id, b.id]);
    expect(await judge(keys.publicKeyText, 'note/x', [a, b, snap])).to.equal(true);
    // Wrong salt (entry moved to another note) and a forger's key are both refused.
    expect(await judge(keys.publicKeyText, 'note/y', [a])).to.equal(false);
    const forger = await deriveKeys({ kind: 'write', secret: createSecret() });
    const forged = await sealEntry(forger, 'note/x', 'update', new Uint8Array([9]));
    expect(await judge(keys.publicKeyText, 'note/x', [a, forged])).to.equal(false);
    expect(fromBase64url(keys.publicKeyText)?.length).to.equal(32);
  });
});
