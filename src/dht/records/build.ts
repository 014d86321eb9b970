// Building signed records. Two halves so that signing can be async outside the core: the signed
// bytes come from signed-bytes.ts, the caller signs (and hashes, for set entries) with any
// signer, and the pure assemblers below put the record together. The *Sync helpers do all three
// with a synchronous signer (simulator, tests).
//
// Browser recipe (runtime or notes layer, with the RecordCrypto port):
//   const bytes = mutableSignedBytes(salt, seq, value);
//   const record = assembleMutable(signer.publicKey, salt, seq, value, await signer.sign(bytes));
//   const entryBytes = setEntrySignedBytes(salt, data, supersedes);
//   const entry = assembleSetEntry(await crypto.sha256(entryBytes), data, supersedes, await signer.sign(entryBytes));
import type { SyncRecordCrypto, SyncRecordSigner } from '../../ports/crypto.ts';
import type { KeyId } from '../../wire/ids.ts';
import type { MutableRecord, SetEntry, SetRecord } from '../../wire/records.ts';
import { toBase64url } from './bytes.ts';
import { entryIdFromDigest, keyIdFromDigest, keyIdInput, mutableSignedBytes, setEntrySignedBytes } from './signed-bytes.ts';
import { normalizeRecord } from './merge.ts';

export function assembleMutable(publicKey: Uint8Array, salt: string, seq: number, value: Uint8Array, sig: Uint8Array): MutableRecord {
  return { type: 'mutable', publicKey: toBase64url(publicKey), salt, seq, value: toBase64url(value), sig: toBase64url(sig) };
}

/** `digest` is SHA-256 of setEntrySignedBytes(salt, data, supersedes). */
export function assembleSetEntry(digest: Uint8Array, data: Uint8Array, supersedes: readonly string[], sig: Uint8Array): SetEntry {
  return { id: entryIdFromDigest(digest), data: toBase64url(data), supersedes: [...supersedes], sig: toBase64url(sig) };
}

/** A canonical set record holding the given entries (sorted, superseded ones dropped). */
export function assembleSet(publicKey: Uint8Array, salt: string, entries: readonly SetEntry[]): SetRecord {
  const record = normalizeRecord({ type: 'set', publicKey: toBase64url(publicKey), salt, entries: [...entries], tombstones: [] });
  if (record.type !== 'set') throw new Error('unreachable: a set normalizes to a set');
  return record;
}

export function recordKeyIdSync(crypto: SyncRecordCrypto, publicKey: Uint8Array, salt: string): KeyId {
  return keyIdFromDigest(crypto.sha256(keyIdInput(publicKey, salt)));
}

export function signMutableSync(signer: SyncRecordSigner, salt: string, seq: number, value: Uint8Array): MutableRecord {
  return assembleMutable(signer.publicKey, salt, seq, value, signer.sign(mutableSignedBytes(salt, seq, value)));
}

export function signSetEntrySync(crypto: SyncRecordCrypto, signer: SyncRecordSigner, salt: string, data: Uint8Array, supersedes: readonly string[] = []): SetEntry {
  const bytes = setEntrySignedBytes(salt, data, supersedes);
  return assembleSetEntry(crypto.sha256(bytes), data, supersedes, signer.sign(bytes));
}

export function setRecordOf(signer: SyncRecordSigner, salt: string, entries: readonly SetEntry[]): SetRecord {
  return assembleSet(signer.publicKey, salt, entries);
}
