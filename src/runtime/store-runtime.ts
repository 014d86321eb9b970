// The browser side of the replicated store (DESIGN.md §6): interprets the core's store effects —
// `store_verify` on the RecordCrypto port (WebCrypto Ed25519), `store_persist` on the RecordStore
// (IndexedDB) — and offers put/get as Promises with deadlines and typed errors (store-errors.ts),
// and watch: a renewed lease at a key's primary that calls back when the record changes.
//
// Wiring (the composition root, e.g. browser-node.ts):
//   const store = createStoreRuntime({ node, store: idbStore, crypto: webCrypto, clock, run: (step) => driver.run(step) });
//   new NodeDriver(init, { ..., onEffect: (e) => store.handle(e) }); driver.onEvent((e) => store.onEvent(e));
//   await store.restore();   // before joining: the records this node kept on disk
import type { ChordEvent, Effect } from '../dht/effects.ts';
import type { ChordNode } from '../dht/node.ts';
import type { StoreInit } from '../dht/replicated-store/store-config.ts';
import { verdictFromResults, verificationPlan } from '../dht/records/verify.ts';
import { fromBase64url } from '../dht/records/bytes.ts';
import { keyIdFromDigest, keyIdInput } from '../dht/records/signed-bytes.ts';
import { normalizeRecord } from '../dht/records/merge.ts';
import type { Clock } from '../ports/clock.ts';
import { runVerificationPlan, type RecordCrypto } from '../ports/crypto.ts';
import type { PutResult, RecordStore, RecordVerdict } from '../ports/record-store.ts';
import { asKeyId, type KeyId, type NodeId } from '../wire/ids.ts';
import type { StoredRecord } from '../wire/records.ts';
import { fromOpError, storeError, type StoreError } from './store-errors.ts';

export interface StoreRuntimeInit {
  /** The core's store options (replicas, quorum, quota, anti-entropy period). */
  store?: StoreInit;
  /** A put or get not answered within this time (ms) rejects with `timeout`. @default 10000 */
  deadlineMs?: number;
}

export interface StoreRuntimeDeps {
  node: ChordNode;
  store: RecordStore;
  crypto: RecordCrypto;
  clock: Clock;
  /** Runs a core call now and applies its effects (NodeDriver's run). */
  run: (step: (now: number) => Effect[]) => void;
  /** Schedules `run` after `ms`; returns a cancel function. @default setTimeout */
  schedule?: (run: () => void, ms: number) => () => void;
}

export interface StoreRuntime {
  /** The driver's onEffect hook: true for the store's effects. */
  handle(effect: Effect): boolean;
  /** Feed every core event here (the driver's onEvent). */
  onEvent(event: ChordEvent): void;
  /** Writes a signed record; resolves once W replicas persisted it. */
  put(record: StoredRecord): Promise<{ key: KeyId; replicas: NodeId[] }>;
  /** Reads a key; resolves with the record (verified here too) or null when no replica has it. */
  get(key: KeyId): Promise<StoredRecord | null>;
  /**
   * Calls `onChange` whenever the record at `key` changes at its primary (another node wrote it),
   * for as long as the watch is on: a lease at the primary, renewed every WATCH_RENEW_MS and
   * retried after a refusal, so a new primary learns of it. Returns the function that ends it.
   */
  watch(key: KeyId, onChange: () => void): () => void;
  /** The key id a record is stored under: SHA-256(public key ‖ salt), first 160 bits. */
  keyOf(publicKey: string, salt: string): Promise<KeyId>;
  /** Loads this node's records from its RecordStore into the core (call before joining). */
  restore(): Promise<number>;
  /** Rejects every pending operation with `stopped`. */
  stop(): void;
}

/** Lease asked of a key's primary for a watch (ms). */
export const WATCH_TTL_MS = 60_000;
/** Renewal period of a watch (ms): a third of the lease, so one lost renewal costs nothing. */
export const WATCH_RENEW_MS = 20_000;
/** First retry after a refused or unanswered watch (ms), doubling up to WATCH_RENEW_MS. */
export const WATCH_RETRY_MS = 1_000;

/** Stands for "no key id could be computed" in a refusal's verdict (never a record's key in practice). */
const NO_KEY = asKeyId('0'.repeat(40));

const defaultSchedule = (run: () => void, ms: number): (() => void) => {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
};

interface Pending {
  resolve: (event: Extract<ChordEvent, { type: 'put_done' | 'get_done' | 'watch_done' }>) => void;
  reject: (error: StoreError) => void;
  cancel: () => void;
}

export function createStoreRuntime(init: StoreRuntimeInit, deps: StoreRuntimeDeps): StoreRuntime {
  const deadlineMs = init.deadlineMs ?? 10_000;
  // Turns the store on in the core (anti-entropy, re-replication); before restore() and joining.
  deps.node.configureStore(init.store ?? {});
  const schedule = deps.schedule ?? defaultSchedule;
  const pending = new Map<number, Pending>();
  /** Watched keys: their listeners and the cancel of the next renewal. */
  const watches = new Map<KeyId, { listeners: Set<() => void>; cancelRenewal: () => void; retryMs: number }>();
  let stopped = false;

  /** Asks the primary for the lease (ttl 0 ends it); schedules the renewal, or a retry after a refusal. */
  function renewWatch(key: KeyId): void {
    const w = watches.get(key);
    if (!w || stopped) return;
    const again = (ms: number): void => {
      if (watches.get(key) === w) w.cancelRenewal = schedule(() => renewWatch(key), ms);
    };
    deps.run((now) => {
      const started = deps.node.watch(key, WATCH_TTL_MS, now);
      start(
        started.opId,
        () => {
          w.retryMs = WATCH_RETRY_MS;
          again(WATCH_RENEW_MS);
        },
        () => {
          // Refused (a primary unsure of its range, or a full lease table) or unanswered: ask again
          // soon, then less often; a successful renewal resets the delay.
          again(w.retryMs);
          w.retryMs = Math.min(WATCH_RENEW_MS, w.retryMs * 2);
        },
      );
      return started.effects;
    });
  }

  async function verdictFor(record: StoredRecord): Promise<RecordVerdict> {
    const plan = verificationPlan(record);
    try {
      return verdictFromResults(record, plan, await runVerificationPlan(plan, deps.crypto));
    } catch (error) {
      // A crypto failure is a refusal, never a crash (the key id cannot be trusted either).
      return { keyId: NO_KEY, authentic: false, reason: `verification failed: ${String(error)}` };
    }
  }

  async function keyOf(publicKey: string, salt: string): Promise<KeyId> {
    const raw = fromBase64url(publicKey);
    if (!raw) throw storeError('rejected', 'public key is not base64url', 'malformed');
    return keyIdFromDigest(await deps.crypto.sha256(keyIdInput(raw, salt)));
  }

  function start(opId: number, resolve: Pending['resolve'], reject: Pending['reject']): void {
    const cancel = schedule(() => {
      if (!pending.delete(opId)) return;
      reject(storeError('timeout', `no answer within ${deadlineMs} ms`));
    }, deadlineMs);
    pending.set(opId, { resolve, reject, cancel });
  }

  function settle(opId: number): Pending | undefined {
    const p = pending.get(opId);
    if (!p) return undefined;
    pending.delete(opId);
    p.cancel();
    return p;
  }

  return {
    handle(effect) {
      if (effect.type === 'store_verify') {
        const { opId, record } = effect;
        void verdictFor(record).then((verdict) => deps.run((now) => deps.node.verified(opId, verdict, now)));
        return true;
      }
      if (effect.type === 'store_persist') {
        const { opId, keyId, record, verdict } = effect;
        void deps.store
          .put(keyId, record, verdict)
          .catch((error: unknown): PutResult => ({ ok: false, error: { code: 'io', message: String(error) } }))
          .then((result) => deps.run((now) => deps.node.persisted(opId, result, now)));
        return true;
      }
      return false;
    },

    onEvent(event) {
      if (event.type === 'put_done' || event.type === 'get_done' || event.type === 'watch_done') settle(event.opId)?.resolve(event);
      else if (event.type === 'put_failed' || event.type === 'get_failed' || event.type === 'watch_failed') settle(event.opId)?.reject(fromOpError(event.code, event.message));
      else if (event.type === 'record_changed') for (const listener of [...(watches.get(event.key)?.listeners ?? [])]) listener();
    },

    watch(key, onChange) {
      let w = watches.get(key);
      if (!w) {
        w = { listeners: new Set(), cancelRenewal: () => undefined, retryMs: WATCH_RETRY_MS };
        watches.set(key, w);
        renewWatch(key);
      }
      const listener = (): void => onChange(); // a distinct entry even if one callback subscribes twice
      w.listeners.add(listener);
      return () => {
        const current = watches.get(key);
        if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
        current.cancelRenewal();
        watches.delete(key);
        if (stopped) return;
        // End the lease now rather than let the primary notify us for up to a minute.
        deps.run((now) => {
          const ended = deps.node.watch(key, 0, now);
          start(ended.opId, () => undefined, () => undefined);
          return ended.effects;
        });
      };
    },

    async put(record) {
      if (stopped) throw storeError('stopped');
      const key = await keyOf(record.publicKey, record.salt);
      const normalized = normalizeRecord(record);
      return new Promise((resolve, reject) => {
        let opId = -1;
        deps.run((now) => {
          const started = deps.node.put(key, normalized, now);
          opId = started.opId;
          // Registered before the effects run: a local primary may answer synchronously.
          start(opId, (e) => resolve({ key, replicas: e.type === 'put_done' ? e.replicas : [] }), reject);
          return started.effects;
        });
        if (opId < 0) reject(storeError('stopped'));
      });
    },

    async get(key) {
      if (stopped) throw storeError('stopped');
      const record = await new Promise<StoredRecord | null>((resolve, reject) => {
        let opId = -1;
        deps.run((now) => {
          const started = deps.node.get(key, now);
          opId = started.opId;
          start(opId, (e) => resolve(e.type === 'get_done' ? e.record : null), reject);
          return started.effects;
        });
        if (opId < 0) reject(storeError('stopped'));
      });
      if (record === null) return null;
      // The reader checks too: a lying primary cannot hand us a forged or misplaced record.
      const verdict = await verdictFor(record);
      if (!verdict.authentic) throw storeError('rejected', verdict.reason ?? 'signature does not verify', 'forged');
      if (verdict.keyId !== key) throw storeError('rejected', `record belongs under ${verdict.keyId}`, 'wrong_key');
      return record;
    },

    keyOf,

    async restore() {
      const self = deps.node.self;
      const keys = await deps.store.keysInRange({ from: self, to: self });
      const records: { key: KeyId; record: StoredRecord }[] = [];
      for (const key of keys) {
        const record = await deps.store.get(key);
        if (record) records.push({ key, record });
      }
      deps.node.loadRecords(records);
      return records.length;
    },

    stop() {
      stopped = true;
      for (const w of watches.values()) w.cancelRenewal();
      watches.clear();
      for (const [opId, p] of [...pending]) {
        pending.delete(opId);
        p.cancel();
        p.reject(storeError('stopped'));
      }
    },
  };
}
