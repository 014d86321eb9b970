// Helpers for the store protocol tests: a seeded simulated ring with the store, a writer, and
// synchronous put/get wrappers that run virtual time until the answer arrives.
import { createChordSimulation, type ChordSimulation, type StoreOutcome } from '../../../src/sim/chord-sim.ts';
import { recordKeyIdSync, signMutableSync } from '../../../src/dht/records/build.ts';
import type { SyncRecordSigner } from '../../../src/ports/crypto.ts';
import type { KeyId, NodeId } from '../../../src/wire/ids.ts';
import type { MutableRecord, StoredRecord } from '../../../src/wire/records.ts';

interface MaybeProcess {
  process?: { env?: Record<string, string | undefined> };
}

/** SEED=<n> replays one seed; otherwise the test's default. */
export function testSeed(fallback: number): number {
  const raw = (globalThis as MaybeProcess).process?.env?.SEED;
  return raw === undefined || raw === '' ? fallback : Number(raw);
}

export function replay(seed: number, file: string): string {
  return `seed ${seed}; replay: SEED=${seed} npx mocha --no-config --timeout 300000 --node-option import=tsx ${file}`;
}

export function storeRing(seed: number, nodes = 30): ChordSimulation {
  const sim = createChordSimulation({ nodes, seed, successors: 8, build: 'warm', store: {} });
  sim.build();
  return sim;
}

export function writer(sim: ChordSimulation, name: string): SyncRecordSigner {
  return sim.crypto.signerFromSeed(new TextEncoder().encode(name));
}

export function mutableFor(sim: ChordSimulation, signer: SyncRecordSigner, salt: string, seq: number, value: string): { key: KeyId; record: MutableRecord } {
  return { key: recordKeyIdSync(sim.crypto, signer.publicKey, salt), record: signMutableSync(signer, salt, seq, new TextEncoder().encode(value)) };
}

export function putSync(sim: ChordSimulation, from: NodeId, key: KeyId, record: StoredRecord): StoreOutcome {
  let outcome: StoreOutcome | undefined;
  sim.startPut(from, key, record, (o) => (outcome = o));
  sim.runUntilDone(() => outcome !== undefined);
  if (!outcome) throw new Error('put never answered');
  return outcome;
}

export function getSync(sim: ChordSimulation, from: NodeId, key: KeyId): StoreOutcome {
  let outcome: StoreOutcome | undefined;
  sim.startGet(from, key, (o) => (outcome = o));
  sim.runUntilDone(() => outcome !== undefined);
  if (!outcome) throw new Error('get never answered');
  return outcome;
}
