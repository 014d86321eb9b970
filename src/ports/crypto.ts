// Record crypto as a port (DESIGN.md §1, §6): the pure core builds the bytes to hash and sign and
// judges the results; it never calls crypto itself. The browser implements RecordCrypto with
// WebCrypto Ed25519 (src/store/webcrypto-ed25519.ts, async); the simulator implements the
// synchronous variant with an insecure keyed hash (src/dht/records/sim-signer.ts), and a sync
// implementation also satisfies the async one through `asyncCrypto`.

/** Signs with one private key. The key itself stays inside the implementation (a CryptoKey). */
export interface RecordSigner {
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

export interface RecordCrypto {
  sha256(bytes: Uint8Array): Promise<Uint8Array>;
  /** True iff `sig` is a valid signature of `bytes` under the raw `publicKey`; false (never throws) on malformed keys. */
  verify(publicKey: Uint8Array, bytes: Uint8Array, sig: Uint8Array): Promise<boolean>;
  /** The key pair derived deterministically from a 32-byte seed (for example an HKDF output). */
  signerFromSeed(seed: Uint8Array): Promise<RecordSigner>;
}

export interface SyncRecordSigner {
  readonly publicKey: Uint8Array;
  sign(bytes: Uint8Array): Uint8Array;
}

/** The same operations, synchronous: what the simulator and the pure tests use. */
export interface SyncRecordCrypto {
  sha256(bytes: Uint8Array): Uint8Array;
  verify(publicKey: Uint8Array, bytes: Uint8Array, sig: Uint8Array): boolean;
  signerFromSeed(seed: Uint8Array): SyncRecordSigner;
}

/**
 * What must be hashed and verified to judge one record, built by the core
 * (`verificationPlan` in src/dht/records/verify.ts) so that an async adapter can run it and hand
 * the results back as data (`verdictFromResults`).
 */
export interface VerificationPlan {
  /** SHA-256 of this gives the record's key id (first 160 bits). */
  keyIdInput: Uint8Array;
  /** Signatures to check, all under the record's public key. */
  signatures: { bytes: Uint8Array; sig: Uint8Array }[];
  /** Byte strings whose SHA-256 must match a claimed id (set entries), in entry order. */
  hashes: Uint8Array[];
  /** Raw public key, or undefined when the record's key does not decode (then it is malformed). */
  publicKey: Uint8Array | undefined;
}

export interface VerificationResults {
  keyIdDigest: Uint8Array;
  signaturesValid: boolean[];
  hashDigests: Uint8Array[];
}

/** Runs a plan with any RecordCrypto (the browser's adapter; the simulator uses the sync twin in dht). */
export async function runVerificationPlan(plan: VerificationPlan, crypto: RecordCrypto): Promise<VerificationResults> {
  const publicKey = plan.publicKey;
  const [keyIdDigest, signaturesValid, hashDigests] = await Promise.all([
    crypto.sha256(plan.keyIdInput),
    Promise.all(plan.signatures.map((s) => (publicKey ? crypto.verify(publicKey, s.bytes, s.sig) : Promise.resolve(false)))),
    Promise.all(plan.hashes.map((h) => crypto.sha256(h))),
  ]);
  return { keyIdDigest, signaturesValid, hashDigests };
}

/** Wraps a synchronous implementation as the async port (tests, and the simulator behind the runtime API). */
export function asyncCrypto(sync: SyncRecordCrypto): RecordCrypto {
  return {
    sha256: (bytes) => Promise.resolve(sync.sha256(bytes)),
    verify: (publicKey, bytes, sig) => Promise.resolve(sync.verify(publicKey, bytes, sig)),
    signerFromSeed: (seed) => {
      const s = sync.signerFromSeed(seed);
      return Promise.resolve({ publicKey: s.publicKey, sign: (bytes: Uint8Array) => Promise.resolve(s.sign(bytes)) });
    },
  };
}
