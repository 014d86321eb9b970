// One encrypted, signed Yjs update (or snapshot): exactly the store's set-record entry
// (src/wire/records.ts `SetEntry`), so a replica verifies it with the notebook's public key by its
// own rules and merges entries by union without reading them (DESIGN.md §6-7).
//
//   data = version (1 byte) ‖ kind (1 byte: 0 update, 1 snapshot) ‖ IV (12 bytes) ‖ AES-GCM ciphertext
//   sig  = Ed25519 over setEntrySignedBytes(salt, data, supersedes)
//   id   = first 128 bits of SHA-256 of the same bytes, hex
//
// AES-GCM uses a fresh random IV per entry and the salt and kind as associated data, so a
// ciphertext cannot be replayed under another note. A snapshot lists the ids it supersedes; the
// replicas then drop those entries and keep tombstones.

import type { SetEntry } from '../wire/records.ts';
import { fromBase64url, toBase64url } from './base64url.ts';
import { entryMalformed, entryTampered, readOnly, tooLarge } from './errors.ts';
import { cryptoBytes, type NotebookKeys } from './keys.ts';
import { MAX_ENTRY_BYTES } from './limits.ts';
import { setEntrySignedBytes, toHex } from './set-entry-bytes.ts';

export type EntryKind = 'update' | 'snapshot';
export type EncryptedEntry = SetEntry;

const FORMAT_VERSION = 1;
const HEADER_BYTES = 2;
const IV_BYTES = 12;
const SIG_BYTES = 64;
/** Entry ids: 128 bits as 32 hex digits (src/wire/records.ts ENTRY_ID_HEX_LENGTH). */
const ENTRY_ID = /^[0-9a-f]{32}$/;
/** Most ids one snapshot supersedes (src/wire/records.ts MAX_SUPERSEDES). */
export const MAX_SUPERSEDES = 512;
const KIND_CODE: Record<EntryKind, number> = { update: 0, snapshot: 1 };

const aad = (salt: string, kind: EntryKind): Uint8Array<ArrayBuffer> => cryptoBytes(new TextEncoder().encode(`chordpad/note-aad/v1\n${salt}\n${kind}`));

async function entryId(signed: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', cryptoBytes(signed))).subarray(0, 16));
}

/** Validates the shape of untrusted input without casts; undefined when it is not an entry. */
export function asEntry(value: unknown): EncryptedEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id: unknown = Reflect.get(value, 'id');
  const data: unknown = Reflect.get(value, 'data');
  const sig: unknown = Reflect.get(value, 'sig');
  const supersedes: unknown = Reflect.get(value, 'supersedes');
  if (typeof id !== 'string' || !ENTRY_ID.test(id) || typeof data !== 'string' || typeof sig !== 'string') return undefined;
  if (!Array.isArray(supersedes) || supersedes.length > MAX_SUPERSEDES) return undefined;
  const ids: string[] = [];
  for (const s of supersedes) {
    if (typeof s !== 'string' || !ENTRY_ID.test(s)) return undefined;
    ids.push(s);
  }
  // Cheap length checks before decoding: 4/3 expansion of base64url.
  if (sig.length !== 86 || data.length > Math.ceil(((MAX_ENTRY_BYTES + HEADER_BYTES + IV_BYTES) * 4) / 3)) return undefined;
  return { id, data, sig, supersedes: ids };
}

export async function sealEntry(
  keys: NotebookKeys,
  salt: string,
  kind: EntryKind,
  plaintext: Uint8Array,
  supersedes: readonly string[] = [],
): Promise<EncryptedEntry> {
  if (!keys.signingKey) throw readOnly();
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(salt, kind) }, keys.contentKey, cryptoBytes(plaintext)));
  if (ct.length > MAX_ENTRY_BYTES) throw tooLarge(ct.length, MAX_ENTRY_BYTES);
  const data = new Uint8Array(HEADER_BYTES + IV_BYTES + ct.length);
  data[0] = FORMAT_VERSION;
  data[1] = KIND_CODE[kind];
  data.set(iv, HEADER_BYTES);
  data.set(ct, HEADER_BYTES + IV_BYTES);
  const signed = setEntrySignedBytes(salt, data, supersedes);
  const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', keys.signingKey, cryptoBytes(signed)));
  return { id: await entryId(signed), data: toBase64url(data), supersedes: [...supersedes], sig: toBase64url(sig) };
}

/** Checks id and signature: what a replica (or a reader before decrypting) can check. */
export async function verifyEntry(keys: Pick<NotebookKeys, 'verifyKey'>, salt: string, entry: EncryptedEntry): Promise<boolean> {
  const sig = fromBase64url(entry.sig);
  const data = fromBase64url(entry.data);
  if (!sig || sig.length !== SIG_BYTES || !data) return false;
  const signed = setEntrySignedBytes(salt, data, entry.supersedes);
  if ((await entryId(signed)) !== entry.id) return false;
  return crypto.subtle.verify('Ed25519', keys.verifyKey, cryptoBytes(sig), cryptoBytes(signed));
}

export interface OpenedEntry {
  readonly entry: EncryptedEntry;
  readonly kind: EntryKind;
  readonly plaintext: Uint8Array;
}

/** Verifies, then decrypts. Throws NotesError `entry-malformed`, `entry-tampered` or `too-large`. */
export async function openEntry(keys: NotebookKeys, salt: string, input: unknown): Promise<OpenedEntry> {
  const entry = asEntry(input);
  if (!entry) throw entryMalformed('it is not shaped like an encrypted entry');
  const data = fromBase64url(entry.data);
  if (!data || data.length < HEADER_BYTES + IV_BYTES) throw entryMalformed('its data is not base64url or too short');
  if (data.length - HEADER_BYTES - IV_BYTES > MAX_ENTRY_BYTES) throw tooLarge(data.length, MAX_ENTRY_BYTES);
  if (!(await verifyEntry(keys, salt, entry))) throw entryTampered('its signature or id does not match the notebook key');
  if (data[0] !== FORMAT_VERSION) throw entryMalformed(`it has format version ${data[0]}, this app reads ${FORMAT_VERSION}`);
  const kind: EntryKind | undefined = data[1] === 0 ? 'update' : data[1] === 1 ? 'snapshot' : undefined;
  if (!kind) throw entryMalformed('its kind is unknown');
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: cryptoBytes(data.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES)), additionalData: aad(salt, kind) },
      keys.contentKey,
      cryptoBytes(data.subarray(HEADER_BYTES + IV_BYTES)),
    );
    return { entry, kind, plaintext: new Uint8Array(pt) };
  } catch {
    throw entryTampered('it does not decrypt with the notebook key');
  }
}
