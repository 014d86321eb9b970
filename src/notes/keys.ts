// Notebook capabilities and the keys HKDF derives from them (DESIGN.md §7).
//
// A writer holds the 32-byte notebook secret; HKDF-SHA-256 with distinct `info` labels derives
// the AES-GCM content key and the Ed25519 signing seed from it, so one secret in a link is enough
// and no derived key reveals another. A reader holds only the content key and the public key.
// The notebook id is HKDF of the PUBLIC key, so writers and readers compute the same id and the
// id (stored in plain sight in the local cache and used in DHT salts) reveals nothing secret.

import { toBase64url, fromBase64url } from './base64url.ts';
import { linkMalformed } from './errors.ts';

/** Bytes of a notebook secret, a content key and an Ed25519 public key or seed. */
export const SECRET_BYTES = 32;
export const CONTENT_KEY_BYTES = 32;
export const PUBLIC_KEY_BYTES = 32;
/** Bytes of the notebook id (128 bits: collisions are out of reach, 22 base64url chars). */
export const NOTEBOOK_ID_BYTES = 16;

/** DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows (RFC 8410 §7). */
const ED25519_PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

const INFO_CONTENT = 'chordpad/v1/content-key';
const INFO_SIGNING = 'chordpad/v1/signing-seed';
const INFO_ID = 'chordpad/v1/notebook-id';

/** What a link grants: the whole secret (read + write) or only what reading needs. */
export type Capability =
  | { readonly kind: 'write'; readonly secret: Uint8Array }
  | { readonly kind: 'read'; readonly contentKey: Uint8Array; readonly publicKey: Uint8Array };

export interface NotebookKeys {
  readonly capability: Capability;
  /** Public notebook id (base64url), the same for writers and readers. */
  readonly notebookId: string;
  readonly contentKey: CryptoKey;
  readonly contentKeyBytes: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The public key as base64url: the `publicKey` of every DHT record reference. */
  readonly publicKeyText: string;
  readonly verifyKey: CryptoKey;
  /** Absent for a read-only capability. */
  readonly signingKey: CryptoKey | undefined;
}

const utf8 = new TextEncoder();

/** WebCrypto wants ArrayBuffer-backed views; copies make the type exact and detach nothing. */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.byteLength);
  out.set(bytes);
  return out;
}

async function hkdf(ikm: Uint8Array, info: string, bytes: number): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8.encode(info) },
    base,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

export function createSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

async function importContentKey(bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', buf(bytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function importVerifyKey(publicKey: Uint8Array): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('raw', buf(publicKey), 'Ed25519', true, ['verify']);
  } catch {
    throw linkMalformed('its public key is not a valid Ed25519 key');
  }
}

/** The Ed25519 key pair whose private key is the 32-byte seed. */
async function signingPair(seed: Uint8Array): Promise<{ signingKey: CryptoKey; publicKey: Uint8Array }> {
  const pkcs8 = new Uint8Array(ED25519_PKCS8_PREFIX.length + seed.length);
  pkcs8.set(ED25519_PKCS8_PREFIX);
  pkcs8.set(seed, ED25519_PKCS8_PREFIX.length);
  // Extractable once to read the public half (JWK `x`), then a non-extractable copy signs.
  const exportable = await crypto.subtle.importKey('pkcs8', pkcs8, 'Ed25519', true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', exportable);
  const publicKey = typeof jwk.x === 'string' ? fromBase64url(jwk.x) : undefined;
  if (!publicKey || publicKey.length !== PUBLIC_KEY_BYTES) throw new Error('Ed25519 JWK export gave no public key');
  const signingKey = await crypto.subtle.importKey('pkcs8', pkcs8, 'Ed25519', false, ['sign']);
  pkcs8.fill(0);
  return { signingKey, publicKey };
}

export async function deriveKeys(capability: Capability): Promise<NotebookKeys> {
  let contentKeyBytes: Uint8Array;
  let publicKey: Uint8Array;
  let signingKey: CryptoKey | undefined;
  if (capability.kind === 'write') {
    contentKeyBytes = await hkdf(capability.secret, INFO_CONTENT, CONTENT_KEY_BYTES);
    const pair = await signingPair(await hkdf(capability.secret, INFO_SIGNING, SECRET_BYTES));
    publicKey = pair.publicKey;
    signingKey = pair.signingKey;
  } else {
    contentKeyBytes = capability.contentKey;
    publicKey = capability.publicKey;
  }
  const notebookId = toBase64url(await hkdf(publicKey, INFO_ID, NOTEBOOK_ID_BYTES));
  return {
    capability,
    notebookId,
    contentKey: await importContentKey(contentKeyBytes),
    contentKeyBytes,
    publicKey,
    publicKeyText: toBase64url(publicKey),
    verifyKey: await importVerifyKey(publicKey),
    signingKey,
  };
}

/** The read-only capability of a notebook (what a `#ro=` link carries). */
export function readCapability(keys: NotebookKeys): Capability {
  return { kind: 'read', contentKey: keys.contentKeyBytes, publicKey: keys.publicKey };
}

/** Wraps bytes for WebCrypto calls elsewhere in the notes layer. */
export { buf as cryptoBytes };
