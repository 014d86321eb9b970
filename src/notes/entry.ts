// One encrypted, signed Yjs update (or snapshot): the unit a note's DHT record is a set of.
//
// AES-GCM with a fresh random 96-bit IV per entry, the salt and kind as associated data (so a
// ciphertext cannot be replayed under another note); Ed25519 over a domain-separated byte string
// of salt, kind, IV and ciphertext, so replicas can verify with the public key alone and never
// need the content key.

import { fromBase64url, toBase64url } from './base64url.ts';
import { entryMalformed, entryTampered, readOnly, tooLarge } from './errors.ts';
import { cryptoBytes, type NotebookKeys } from './keys.ts';
import { MAX_ENTRY_BYTES } from './limits.ts';

export type EntryKind = 'update' | 'snapshot';

/** JSON-shaped so any transport and the IndexedDB cache carry it unchanged. */
export interface EncryptedEntry {
  readonly v: 1;
  readonly kind: EntryKind;
  /** base64url, 12 bytes. */
  readonly iv: string;
  /** base64url AES-GCM ciphertext with its tag; at most MAX_ENTRY_BYTES decoded. */
  readonly ct: string;
  /** base64url Ed25519 signature (64 bytes); also the entry's unique id. */
  readonly sig: string;
}

const IV_BYTES = 12;
const SIG_BYTES = 64;
const DOMAIN = 'chordpad/v1/entry';
const utf8 = new TextEncoder();

/** The exact bytes an entry's signature covers (replicas verify the same bytes). */
export function entrySigningBytes(salt: string, entry: Pick<EncryptedEntry, 'v' | 'kind' | 'iv' | 'ct'>): Uint8Array {
  return utf8.encode(`${DOMAIN}\n${entry.v}\n${salt}\n${entry.kind}\n${entry.iv}\n${entry.ct}`);
}

const aad = (salt: string, kind: EntryKind): Uint8Array<ArrayBuffer> => cryptoBytes(utf8.encode(`${DOMAIN}\n${salt}\n${kind}`));

/** Validates the shape of untrusted input without casts; undefined when it is not an entry. */
export function asEntry(value: unknown): EncryptedEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v: unknown = Reflect.get(value, 'v');
  const kind: unknown = Reflect.get(value, 'kind');
  const iv: unknown = Reflect.get(value, 'iv');
  const ct: unknown = Reflect.get(value, 'ct');
  const sig: unknown = Reflect.get(value, 'sig');
  if (v !== 1 || (kind !== 'update' && kind !== 'snapshot')) return undefined;
  if (typeof iv !== 'string' || typeof ct !== 'string' || typeof sig !== 'string') return undefined;
  // Cheap length checks before any decoding: 4/3 expansion of base64url.
  if (iv.length !== 16 || sig.length !== 86 || ct.length > Math.ceil((MAX_ENTRY_BYTES * 4) / 3)) return undefined;
  return { v, kind, iv, ct, sig };
}

export async function sealEntry(keys: NotebookKeys, salt: string, kind: EntryKind, plaintext: Uint8Array): Promise<EncryptedEntry> {
  if (!keys.signingKey) throw readOnly();
  const ivBytes = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ctBytes = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: ivBytes, additionalData: aad(salt, kind) }, keys.contentKey, cryptoBytes(plaintext)),
  );
  if (ctBytes.length > MAX_ENTRY_BYTES) throw tooLarge(ctBytes.length, MAX_ENTRY_BYTES);
  const unsigned = { v: 1 as const, kind, iv: toBase64url(ivBytes), ct: toBase64url(ctBytes) };
  const sig = new Uint8Array(await crypto.subtle.sign('Ed25519', keys.signingKey, cryptoBytes(entrySigningBytes(salt, unsigned))));
  return { ...unsigned, sig: toBase64url(sig) };
}

/** Checks the signature only: what a replica (or a reader before decrypting) can do. */
export async function verifyEntry(keys: Pick<NotebookKeys, 'verifyKey'>, salt: string, entry: EncryptedEntry): Promise<boolean> {
  const sig = fromBase64url(entry.sig);
  if (!sig || sig.length !== SIG_BYTES) return false;
  return crypto.subtle.verify('Ed25519', keys.verifyKey, cryptoBytes(sig), cryptoBytes(entrySigningBytes(salt, entry)));
}

/** Verifies, then decrypts. Throws NotesError `entry-malformed`, `entry-tampered` or `too-large`. */
export async function openEntry(keys: NotebookKeys, salt: string, input: unknown): Promise<{ entry: EncryptedEntry; plaintext: Uint8Array }> {
  const entry = asEntry(input);
  if (!entry) throw entryMalformed('it is not shaped like an encrypted entry');
  const ct = fromBase64url(entry.ct);
  const iv = fromBase64url(entry.iv);
  if (!ct || !iv || iv.length !== IV_BYTES) throw entryMalformed('its fields are not base64url');
  if (ct.length > MAX_ENTRY_BYTES) throw tooLarge(ct.length, MAX_ENTRY_BYTES);
  if (!(await verifyEntry(keys, salt, entry))) throw entryTampered('its signature does not match the notebook key');
  try {
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: cryptoBytes(iv), additionalData: aad(salt, entry.kind) }, keys.contentKey, cryptoBytes(ct));
    return { entry, plaintext: new Uint8Array(pt) };
  } catch {
    throw entryTampered('it does not decrypt with the notebook key');
  }
}
