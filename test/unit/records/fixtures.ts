// Record fixtures for the pure tests: a shared simulator crypto, signers from small seeds, and
// random canonical records built from a pool of pre-signed set entries.
import type { Rng } from '../../../src/ports/rng.ts';
import type { SyncRecordSigner } from '../../../src/ports/crypto.ts';
import type { MutableRecord, SetEntry, StoredRecord } from '../../../src/wire/records.ts';
import { createSimCrypto } from '../../../src/dht/records/sim-signer.ts';
import { setRecordOf, signMutableSync, signSetEntrySync } from '../../../src/dht/records/build.ts';
import { normalizeRecord } from '../../../src/dht/records/merge.ts';
import { utf8 } from '../../../src/dht/records/bytes.ts';

export const crypto = createSimCrypto();

export function signer(n: number): SyncRecordSigner {
  const seed = new Uint8Array(32);
  new DataView(seed.buffer).setUint32(0, n);
  return crypto.signerFromSeed(seed);
}

export const alice = signer(1);
export const bob = signer(2);

export function mutable(s: SyncRecordSigner, seq: number, value: string, salt = 'note'): MutableRecord {
  return signMutableSync(s, salt, seq, utf8(value));
}

/** A pool of entries under (alice, salt): plain updates, and snapshots superseding earlier ones. */
export function entryPool(rng: Rng, size: number, salt = 'doc'): SetEntry[] {
  const pool: SetEntry[] = [];
  for (let i = 0; i < size; i++) {
    const supersedes: string[] = [];
    if (pool.length > 0 && rng.int(4) === 0) {
      const k = 1 + rng.int(Math.min(4, pool.length));
      for (let j = 0; j < k; j++) supersedes.push(pool[rng.int(pool.length)]!.id);
    }
    pool.push(signSetEntrySync(crypto, alice, salt, utf8(`update ${i}`), [...new Set(supersedes)]));
  }
  return pool;
}

function pick<T>(rng: Rng, list: readonly T[], max: number): T[] {
  const out: T[] = [];
  const n = rng.int(max + 1);
  for (let i = 0; i < n; i++) out.push(list[rng.int(list.length)]!);
  return out;
}

/** A random canonical record: mostly sets from the pool or mutables of alice, sometimes another identity. */
export function randomRecord(rng: Rng, pool: readonly SetEntry[]): StoredRecord {
  const roll = rng.int(10);
  if (roll < 5) return setRecordOf(alice, 'doc', pick(rng, pool, 6));
  if (roll < 8) return mutable(alice, rng.int(4), `v${rng.int(3)}`, 'doc');
  if (roll < 9) return mutable(bob, rng.int(3), `b${rng.int(2)}`, 'doc');
  return normalizeRecord(setRecordOf(alice, 'other', []));
}
