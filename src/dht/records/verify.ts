// Judging a record's authenticity without calling crypto: `verificationPlan` lists what to hash
// and verify, an adapter runs it (async WebCrypto via runVerificationPlan in src/ports/crypto.ts,
// or synchronously via verifyRecordSync with the simulator's signer), and `verdictFromResults`
// turns the answers into a RecordVerdict that checkIncoming takes as data.
import type { StoredRecord } from '../../wire/records.ts';
import type { SyncRecordCrypto, VerificationPlan, VerificationResults } from '../../ports/crypto.ts';
import type { RecordVerdict } from '../../ports/record-store.ts';
import { fromBase64url } from './bytes.ts';
import { entryIdFromDigest, keyIdFromDigest, keyIdInput, mutableSignedBytes, setEntrySignedBytes } from './signed-bytes.ts';

/** Re-exported: the verdict type lives in the port so stores can take it without importing the core. */
export type { RecordVerdict };

const EMPTY = new Uint8Array(0);
const decode = (s: string): Uint8Array => fromBase64url(s) ?? EMPTY;

export function verificationPlan(record: StoredRecord): VerificationPlan {
  const publicKey = fromBase64url(record.publicKey);
  const keyInput = keyIdInput(publicKey ?? EMPTY, record.salt);
  if (record.type === 'mutable') {
    return {
      publicKey,
      keyIdInput: keyInput,
      signatures: [{ bytes: mutableSignedBytes(record.salt, record.seq, decode(record.value)), sig: decode(record.sig) }],
      hashes: [],
    };
  }
  const signed = record.entries.map((e) => setEntrySignedBytes(record.salt, decode(e.data), e.supersedes));
  return {
    publicKey,
    keyIdInput: keyInput,
    signatures: record.entries.map((e, i) => ({ bytes: signed[i]!, sig: decode(e.sig) })),
    hashes: signed,
  };
}

export function verdictFromResults(record: StoredRecord, plan: VerificationPlan, results: VerificationResults): RecordVerdict {
  const keyId = keyIdFromDigest(results.keyIdDigest);
  if (!plan.publicKey) return { keyId, authentic: false, reason: 'public key does not decode' };
  const badSig = results.signaturesValid.findIndex((ok) => !ok);
  if (badSig >= 0 || results.signaturesValid.length !== plan.signatures.length) {
    return { keyId, authentic: false, reason: record.type === 'mutable' ? 'signature does not verify' : `entry ${badSig} signature does not verify` };
  }
  if (record.type === 'set') {
    for (let i = 0; i < record.entries.length; i++) {
      const digest = results.hashDigests[i];
      if (!digest || entryIdFromDigest(digest) !== record.entries[i]!.id) {
        return { keyId, authentic: false, reason: `entry ${i} id does not match its signed bytes` };
      }
    }
  }
  return { keyId, authentic: true };
}

/** The whole judgement with a synchronous crypto (simulator, tests). */
export function verifyRecordSync(record: StoredRecord, crypto: SyncRecordCrypto): RecordVerdict {
  const plan = verificationPlan(record);
  const publicKey = plan.publicKey;
  const results: VerificationResults = {
    keyIdDigest: crypto.sha256(plan.keyIdInput),
    signaturesValid: plan.signatures.map((s) => (publicKey ? crypto.verify(publicKey, s.bytes, s.sig) : false)),
    hashDigests: plan.hashes.map((h) => crypto.sha256(h)),
  };
  return verdictFromResults(record, plan, results);
}
