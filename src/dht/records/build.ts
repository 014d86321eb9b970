// Building signed records with a synchronous signer (simulator, tests). The browser builds the
// same records asynchronously from the same byte builders (signed-bytes.ts) through the
// RecordCrypto port; see docs/store.md for the recipe.
import type { SyncRecordCrypto, SyncRecordSigner } from '../../ports/crypto.ts';
import type { KeyId } from '../../wire/ids.ts';
import type { MutableRecord, SetEntry, SetRecord } from '../../wire/records.ts';
import { toBase64url } from './bytes.ts';
import { entryIdFromDigest, keyIdFromDigest, keyIdInput, mutableSignedBytes, setEntrySignedBytes } from './signed-bytes.ts';
import { normalizeRecord } from './merge.ts';

export function recordKeyIdSync(crypto: SyncRecordCrypto, publicKey: Uint8Array, salt: string): KeyId {
  return keyIdFromDigest(crypto.sha256(keyIdInput(publicKey, salt)));
}

export function signMutableSync(signer: SyncRecordSigner, salt: string, seq: number, value: Uint8Array): MutableRecord {
  return {
    type: 'mutable',
    publicKey: toBase64url(signer.publicKey),
    salt,
    seq,
    value: toBase64url(value),
    sig: toBase64url(signer.sign(mutableSignedBytes(salt, seq, value))),
  };
}

export function signSetEntrySync(crypto: SyncRecordCrypto, signer: SyncRecordSigner, salt: string, data: Uint8Array, supersedes: readonly string[] = []): SetEntry {
  const bytes = setEntrySignedBytes(salt, data, supersedes);
  return {
    id: entryIdFromDigest(crypto.sha256(bytes)),
    data: toBase64url(data),
    supersedes: [...supersedes],
    sig: toBase64url(signer.sign(bytes)),
  };
}

/** A canonical set record holding the given entries. */
export function setRecordOf(signer: SyncRecordSigner, salt: string, entries: readonly SetEntry[]): SetRecord {
  const record = normalizeRecord({ type: 'set', publicKey: toBase64url(signer.publicKey), salt, entries: [...entries], tombstones: [] });
  if (record.type !== 'set') throw new Error('unreachable: a set normalizes to a set');
  return record;
}
