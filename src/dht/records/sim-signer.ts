// A fast, deterministic stand-in for Ed25519, FOR THE SIMULATOR ONLY. NOT SECURE: a "signature" is
// a keyed SHA-256 of the bytes, and verification looks the secret up in this instance's registry
// of the key pairs it made. Within one simulation that is enough for the property we test — a
// record whose bytes were changed, or that was signed with another key, fails verification — at
// a fraction of Ed25519's cost and with no Promises. Never use it outside src/sim and tests.
import type { SyncRecordCrypto, SyncRecordSigner } from '../../ports/crypto.ts';
import { SIGNATURE_BYTES } from '../../wire/records.ts';
import { bytesEqual, concatBytes, toHex, utf8 } from './bytes.ts';
import { sha256 } from './sha256.ts';

const PUBLIC_DOMAIN = utf8('chordpad/sim-public/v1');
const SIGN_DOMAIN = [utf8('chordpad/sim-sig/0'), utf8('chordpad/sim-sig/1')] as const;

function keyedSignature(secret: Uint8Array, bytes: Uint8Array): Uint8Array {
  // Two 32-byte halves, to match Ed25519's 64-byte signatures on the wire.
  const a = sha256(concatBytes([SIGN_DOMAIN[0], secret, bytes]));
  const b = sha256(concatBytes([SIGN_DOMAIN[1], secret, a]));
  const sig = concatBytes([a, b]);
  return sig.length === SIGNATURE_BYTES ? sig : sig.subarray(0, SIGNATURE_BYTES);
}

export interface SimCrypto extends SyncRecordCrypto {
  /** Number of key pairs this instance knows (for tests). */
  readonly keyCount: number;
}

/** One registry per simulation: every simulated node and writer shares it, as they share a "PKI". */
export function createSimCrypto(): SimCrypto {
  const secrets = new Map<string, Uint8Array>();
  return {
    get keyCount() {
      return secrets.size;
    },
    sha256,
    signerFromSeed(seed: Uint8Array): SyncRecordSigner {
      const secret = sha256(seed);
      const publicKey = sha256(concatBytes([PUBLIC_DOMAIN, secret]));
      secrets.set(toHex(publicKey), secret);
      return { publicKey, sign: (bytes) => keyedSignature(secret, bytes) };
    },
    verify(publicKey, bytes, sig) {
      const secret = secrets.get(toHex(publicKey));
      if (!secret || sig.length !== SIGNATURE_BYTES) return false;
      return bytesEqual(keyedSignature(secret, bytes), sig);
    },
  };
}
