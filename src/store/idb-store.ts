// IndexedDB RecordStore on idb-keyval (DESIGN.md §6, CONVENTIONS.md §8). One database per node
// slot (`chordpad-node-<slot>`, ENVIRONMENT.md: tabs of one browser share IndexedDB). A put is one
// read-modify-write transaction with idb-keyval's update(), whose updater applies the pure rules;
// putMany runs the same steps for many keys in one transaction. Every promise settles: IndexedDB
// errors become typed `io` errors and QuotaExceededError becomes `quota` (store-errors.ts).
import { createStore, get as idbGet, promisifyRequest, update, type UseStore } from 'idb-keyval';
import type { KeyId } from '../wire/ids.ts';
import { asKeyId, isRingId } from '../wire/ids.ts';
import { parseRecord, type StoredRecord } from '../wire/records.ts';
import type { KeySummary, PutRequest, PutResult, RecordRules, RecordStore, RecordVerdict, RingRange, StoreError } from '../ports/record-store.ts';
import { DEFAULT_QUOTA_BYTES, StoreFailure } from '../ports/record-store.ts';
import { toStoreError } from './store-errors.ts';

export interface IdbStoreInit {
  /** Database name, one per node slot. @default 'chordpad-node-0' */
  name?: string;
  /** Storage quota in bytes (the node's own, under the browser's). @default DEFAULT_QUOTA_BYTES (50 MiB) */
  quotaBytes?: number;
}

export interface IdbStoreDeps {
  /** The pure record rules (src/dht/records/rules.ts `recordRules`). */
  rules: RecordRules;
  /** idb-keyval store function; injectable so tests can make IndexedDB fail. @default createStore(name, 'records') */
  useStore?: UseStore;
}

/** Object store name inside each node database. */
export const RECORDS_STORE = 'records';

/** What one IndexedDB value holds: the record plus what usage and anti-entropy need without re-encoding it. */
interface Slot {
  record: StoredRecord;
  sizeBytes: number;
  fingerprint: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The cheap fields of a stored value, without validating the record (usage, summaries). */
function readMeta(value: unknown): { sizeBytes: number; fingerprint: string } | undefined {
  if (!isObject(value)) return undefined;
  const { sizeBytes, fingerprint } = value;
  if (typeof sizeBytes !== 'number' || !Number.isInteger(sizeBytes) || sizeBytes < 0 || typeof fingerprint !== 'string') return undefined;
  return { sizeBytes, fingerprint };
}

/** A whole stored value, record validated by the wire schema (the database may hold an older format). */
function parseSlot(value: unknown): Slot | undefined {
  const meta = readMeta(value);
  if (!meta || !isObject(value)) return undefined;
  const parsed = parseRecord(value.record);
  return parsed.ok ? { record: parsed.record, ...meta } : undefined;
}

const asError = (err: unknown, what: string): Error => (err instanceof Error ? err : new Error(`${what}: ${String(err)}`));

/** Thrown inside an updater to end the transaction without writing. */
class NoWrite extends Error {
  constructor(readonly result: PutResult) {
    super('no write');
  }
}

function keyRanges(range: RingRange): (IDBKeyRange | undefined)[] {
  const { from, to } = range;
  if (from === to) return [undefined];
  if (from < to) return [IDBKeyRange.bound(from, to, true, false)];
  return [IDBKeyRange.lowerBound(from, true), IDBKeyRange.upperBound(to)];
}


/** Opens (creating if needed) a node's record database and counts its usage. */
export async function createIdbStore(init: IdbStoreInit, deps: IdbStoreDeps): Promise<RecordStore> {
  const name = init.name ?? 'chordpad-node-0';
  const quotaBytes = init.quotaBytes ?? DEFAULT_QUOTA_BYTES;
  const useStore = deps.useStore ?? createStore(name, RECORDS_STORE);
  const { rules } = deps;

  // Usage lives in memory, counted once at open: one tab owns one slot (identity-slots.ts), so no
  // other writer changes this database behind our back.
  let usedBytes = 0;
  let records = 0;
  let db: IDBDatabase | undefined;
  try {
    const metas = await useStore('readonly', (os) => {
      db = os.transaction.db;
      return promisifyRequest(os.getAll());
    });
    for (const m of metas) {
      const meta = readMeta(m);
      if (!meta) continue;
      usedBytes += meta.sizeBytes;
      records++;
    }
  } catch (err) {
    throw new StoreFailure(toStoreError(err, `opening ${name}`), { cause: err });
  }

  /** Admits one request against the current slot; updates the usage counters optimistically. */
  function admit(key: KeyId, record: StoredRecord, verdict: RecordVerdict, current: unknown): { slot: Slot | undefined; result: PutResult; delta: number; added: number } {
    const existing = parseSlot(current);
    const admission = rules.admit(existing?.record, record, verdict, { key, usedBytes, quotaBytes });
    if (!admission.ok) return { slot: undefined, result: admission, delta: 0, added: 0 };
    if (!admission.changed) return { slot: undefined, result: { ok: true, record: admission.record, changed: false }, delta: 0, added: 0 };
    const slot: Slot = { record: admission.record, sizeBytes: admission.sizeBytes, fingerprint: rules.fingerprint(admission.record) };
    const delta = admission.sizeBytes - (existing?.sizeBytes ?? 0);
    const added = existing ? 0 : 1;
    usedBytes += delta;
    records += added;
    return { slot, result: { ok: true, record: admission.record, changed: true }, delta, added };
  }

  async function put(key: KeyId, record: StoredRecord, verdict: RecordVerdict): Promise<PutResult> {
    let outcome: ReturnType<typeof admit> | undefined;
    try {
      await update<Slot>(
        key,
        (current) => {
          outcome = admit(key, record, verdict, current);
          if (!outcome.slot) throw new NoWrite(outcome.result);
          return outcome.slot;
        },
        useStore,
      );
      return outcome?.result ?? { ok: false, error: { code: 'io', message: 'update finished without running its updater' } };
    } catch (err) {
      if (err instanceof NoWrite) return err.result;
      if (outcome) {
        usedBytes -= outcome.delta; // the transaction did not commit
        records -= outcome.added;
      }
      return { ok: false, error: toStoreError(err, `storing ${key}`) };
    }
  }

  async function putMany(requests: readonly PutRequest[]): Promise<PutResult[]> {
    const outcomes: ReturnType<typeof admit>[] = [];
    try {
      await useStore('readwrite', (os) =>
        new Promise<void>((resolve, reject) => {
          const keys = [...new Set(requests.map((r) => r.key))];
          const current = new Map<KeyId, unknown>();
          let waiting = keys.length;
          const finish = (): void => {
            try {
              for (const r of requests) {
                const outcome = admit(r.key, r.record, r.verdict, current.get(r.key));
                outcomes.push(outcome);
                if (outcome.slot) current.set(r.key, outcome.slot);
              }
              for (const key of keys) {
                const written = outcomes.filter((o, i) => o.slot && requests[i]!.key === key).at(-1);
                if (written?.slot) os.put(written.slot, key);
              }
              promisifyRequest(os.transaction).then(() => resolve(), reject);
            } catch (err) {
              reject(asError(err, 'putMany'));
            }
          };
          if (waiting === 0) finish();
          for (const key of keys) {
            const req = os.get(key);
            req.onsuccess = () => {
              current.set(key, req.result);
              if (--waiting === 0) finish();
            };
            req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
          }
        }),
      );
      return outcomes.map((o) => o.result);
    } catch (err) {
      for (const o of outcomes) {
        usedBytes -= o.delta;
        records -= o.added;
      }
      const error: StoreError = toStoreError(err, `storing ${requests.length} records`);
      return requests.map(() => ({ ok: false, error }));
    }
  }

  async function read<T>(during: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (err) {
      throw new StoreFailure(toStoreError(err, during), { cause: err });
    }
  }

  /** Reads keys (and values when `withValues`) of every sub-query in one transaction, all requests issued up front. */
  function scan(range: RingRange, withValues: boolean): Promise<{ keys: IDBValidKey[]; values: unknown[] }[]> {
    return useStore('readonly', (os) =>
      Promise.all(
        keyRanges(range).map(async (query) => {
          const keysReq = promisifyRequest(os.getAllKeys(query));
          const valuesReq = withValues ? promisifyRequest(os.getAll(query)) : Promise.resolve([]);
          const [keys, values] = await Promise.all([keysReq, valuesReq]);
          return { keys, values };
        }),
      ),
    );
  }

  const validKey = (key: IDBValidKey): KeyId | undefined => (typeof key === 'string' && isRingId(key) ? asKeyId(key) : undefined);
  const byKey = <T extends { key: KeyId }>(a: T, b: T): number => (a.key < b.key ? -1 : 1);

  function summarize(range: RingRange): Promise<KeySummary[]> {
    return read('summarizing a range', async () => {
      const out: KeySummary[] = [];
      for (const { keys, values } of await scan(range, true)) {
        keys.forEach((k, i) => {
          const key = validKey(k);
          const meta = readMeta(values[i]);
          if (key && meta) out.push({ key, fingerprint: meta.fingerprint });
        });
      }
      return out.sort(byKey);
    });
  }

  function keysInRange(range: RingRange): Promise<KeyId[]> {
    return read('listing a range', async () => {
      const out: KeyId[] = [];
      for (const { keys } of await scan(range, false)) for (const k of keys) {
        const key = validKey(k);
        if (key) out.push(key);
      }
      return out.sort();
    });
  }

  return {
    get: (key) => read(`reading ${key}`, async () => parseSlot(await idbGet(key, useStore))?.record),
    put,
    putMany,
    delete: (key) =>
      read(`deleting ${key}`, () =>
        useStore('readwrite', (os) =>
          new Promise<void>((resolve, reject) => {
            const req = os.get(key);
            req.onsuccess = () => {
              const meta = readMeta(req.result);
              if (meta) {
                os.delete(key);
                promisifyRequest(os.transaction).then(() => {
                  usedBytes -= meta.sizeBytes;
                  records--;
                  resolve();
                }, reject);
              } else resolve();
            };
            req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
          }),
        ),
      ),
    keysInRange,
    summarize,
    digest: async (range, buckets) => rules.digest(await summarize(range), range, buckets),
    usage: () => Promise.resolve({ records, bytes: usedBytes, quotaBytes }),
    close: () => {
      // idb-keyval caches the connection and has no close(); close the one it gave us at open, so
      // a deleteDatabase or a reopen right after is not blocked. Later calls settle with `io`.
      db?.close();
    },
  };
}
