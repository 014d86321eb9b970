// Node identities per tab (DESIGN.md §7): tabs of one browser share IndexedDB, so each tab claims
// a numbered slot with the Web Locks API and keeps the lock for the page's life. The slot holds an
// Ed25519 key pair (private key non-extractable, stored as a CryptoKey) and names the tab's record
// database, so a reload gets its identity and its records back, and two live tabs never share one.
import { createStore, get as idbGet, promisifyRequest, set as idbSet, type UseStore } from 'idb-keyval';
import type { NodeId } from '../wire/ids.ts';
import { ID_HEX_LENGTH, asNodeId } from '../wire/ids.ts';
import type { RecordSigner } from '../ports/crypto.ts';
import { PUBLIC_KEY_BYTES } from '../wire/records.ts';
import { generateEd25519, signerFromCryptoKey } from './webcrypto-ed25519.ts';
import { toStoreError } from './store-errors.ts';

/** Slots tried before giving up: 32 tabs of one browser profile, far above what a person opens. */
export const MAX_SLOTS = 32;

export interface IdentitySlotsInit {
  /** Prefix of lock names and database names; tests use a unique one. @default 'chordpad' */
  namespace?: string;
  /** @default MAX_SLOTS */
  maxSlots?: number;
  /**
   * How long a tab waits for the slot it had before a reload (ms): the unloading page may still
   * hold its lock for a moment. @default 3000
   */
  reloadWaitMs?: number;
}

export interface IdentitySlotsDeps {
  /** @default navigator.locks */
  locks?: LockManager;
  /** @default globalThis.crypto.subtle */
  subtle?: SubtleCrypto;
  /**
   * Where this tab remembers its slot across reloads: sessionStorage is per tab and survives a
   * reload. null remembers nothing (several claims in one page, as tests make). @default sessionStorage
   */
  memory?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export interface NodeIdentity {
  slot: number;
  /** First 160 bits of SHA-256(public key), hex (DESIGN.md §2). */
  nodeId: NodeId;
  /** Raw Ed25519 public key (32 bytes). */
  publicKey: Uint8Array;
  signer: RecordSigner;
  /** IndexedDB database for this slot's records: pass as `createIdbStore({ name })`. */
  recordsDbName: string;
}

export interface SlotClaim {
  identity: NodeIdentity;
  /** Gives the slot up (a test, or a node shutting down); resolves once another claim can take it. Idempotent. */
  release(): Promise<void>;
}

export type IdentityErrorCode = 'no_free_slot' | 'unsupported' | 'io';

export class IdentityError extends Error {
  constructor(readonly code: IdentityErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdentityError';
  }
}

interface StoredIdentity {
  privateKey: CryptoKey;
  publicKey: Uint8Array;
}

function isStoredIdentity(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const { privateKey, publicKey } = value as Record<string, unknown>;
  return privateKey instanceof CryptoKey && publicKey instanceof Uint8Array && publicKey.length === PUBLIC_KEY_BYTES;
}

/** A held lock: release() frees it and resolves once the lock manager has let it go. */
type HeldLock = () => Promise<void>;

/**
 * Takes one lock — at once, or waiting up to `waitMs` — and resolves with its release function,
 * or undefined when another holder kept it.
 */
function tryLock(locks: LockManager, name: string, waitMs = 0): Promise<HeldLock | undefined> {
  return new Promise((resolve, reject) => {
    let letGo: () => void = () => undefined;
    const options: LockOptions = waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true };
    const done = locks.request(name, options, (lock) => {
      if (!lock) {
        resolve(undefined);
        return undefined;
      }
      // Hold the lock until release() (or until the page goes away, which frees it).
      return new Promise<void>((release) => {
        letGo = release;
        resolve(() => {
          letGo();
          return done.then(() => undefined, () => undefined);
        });
      });
    });
    done.catch((err: unknown) => {
      // A wait that timed out: the lock stayed with its holder.
      if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) resolve(undefined);
      else reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

async function nodeIdOf(subtle: SubtleCrypto, publicKey: Uint8Array): Promise<NodeId> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(publicKey)));
  const hex = Array.from(digest.subarray(0, ID_HEX_LENGTH / 2), (b) => b.toString(16).padStart(2, '0')).join('');
  return asNodeId(hex);
}

async function loadOrCreate(useStore: UseStore, subtle: SubtleCrypto, slot: number): Promise<StoredIdentity> {
  try {
    const stored: unknown = await idbGet(slot, useStore);
    if (isStoredIdentity(stored)) return stored;
    const fresh = await generateEd25519(subtle);
    await idbSet(slot, fresh, useStore);
    return fresh;
  } finally {
    // The identity database is read once per claim; close it so it never blocks a deletion or upgrade.
    // Wait for the closing transaction to finish, so the connection is really gone when we return.
    await useStore('readonly', (os) => {
      os.transaction.db.close();
      return promisifyRequest(os.transaction);
    }).catch(() => undefined);
  }
}

/**
 * Claims the slot this tab had before a reload if it can, else the lowest free slot, loading its
 * identity or creating one on first use.
 */
export async function claimIdentitySlot(init: IdentitySlotsInit = {}, deps: IdentitySlotsDeps = {}): Promise<SlotClaim> {
  const namespace = init.namespace ?? 'chordpad';
  const maxSlots = init.maxSlots ?? MAX_SLOTS;
  const locks = deps.locks ?? globalThis.navigator?.locks;
  const subtle = deps.subtle ?? globalThis.crypto?.subtle;
  if (!locks || !subtle) throw new IdentityError('unsupported', 'Web Locks and WebCrypto are needed (a secure context: https or http://localhost)');
  const memory = deps.memory === undefined ? defaultMemory() : deps.memory;
  const memoryKey = `${namespace}-identity-slot`;
  const lockName = (slot: number): string => `${namespace}-slot-${slot}`;
  // A reload: the slot this tab had first, waiting a moment for the old page to let it go.
  const previous = Number(memory?.getItem(memoryKey) ?? NaN);
  const hadSlot = Number.isInteger(previous) && previous >= 0 && previous < maxSlots;
  if (hadSlot) {
    const release = await tryLock(locks, lockName(previous), init.reloadWaitMs ?? 3_000);
    if (release) return open(previous, release);
  }
  for (let slot = 0; slot < maxSlots; slot++) {
    if (hadSlot && slot === previous) continue;
    const release = await tryLock(locks, lockName(slot));
    if (release) return open(slot, release);
  }
  throw new IdentityError('no_free_slot', `all ${maxSlots} identity slots are held by other tabs of this browser`);

  async function open(slot: number, release: HeldLock): Promise<SlotClaim> {
    if (!subtle) throw new IdentityError('unsupported', 'WebCrypto is needed');
    try {
      const stored = await loadOrCreate(createStore(`${namespace}-identity`, 'slots'), subtle, slot);
      let released: Promise<void> | undefined;
      remember(slot);
      return {
        identity: {
          slot,
          nodeId: await nodeIdOf(subtle, stored.publicKey),
          publicKey: stored.publicKey,
          signer: signerFromCryptoKey(subtle, stored.privateKey, stored.publicKey),
          recordsDbName: `${namespace}-node-${slot}`,
        },
        release: () => {
          if (!released) released = release();
          return released;
        },
      };
    } catch (err) {
      await release();
      const e = toStoreError(err, `loading identity slot ${slot}`);
      throw new IdentityError('io', e.message, { cause: err });
    }
  }

  function remember(slot: number): void {
    try {
      memory?.setItem(memoryKey, String(slot));
    } catch {
      // Storage full or disabled: the tab just may get another slot after a reload.
    }
  }
}

function defaultMemory(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled (e.g. sandboxed frames)
  }
}
