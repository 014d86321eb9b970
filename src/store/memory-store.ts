// In-memory RecordStore (tests, and a node that must not persist). Same rules and contract as the
// IndexedDB store (test/contract/store-contract.ts); every method settles asynchronously like it.
import type { KeyId } from '../wire/ids.ts';
import type { StoredRecord } from '../wire/records.ts';
import type { KeySummary, PutRequest, PutResult, RecordRules, RecordStore, RecordVerdict, RingRange } from '../ports/record-store.ts';
import { DEFAULT_QUOTA_BYTES, inRingRange, StoreFailure } from '../ports/record-store.ts';

export interface MemoryStoreInit {
  /** Storage quota in bytes. @default DEFAULT_QUOTA_BYTES (50 MiB) */
  quotaBytes?: number;
}

export interface MemoryStoreDeps {
  /** The pure record rules (src/dht/records/rules.ts `recordRules`). */
  rules: RecordRules;
}

interface Slot {
  record: StoredRecord;
  sizeBytes: number;
  fingerprint: string;
}

export function createMemoryStore(init: MemoryStoreInit, deps: MemoryStoreDeps): RecordStore {
  const quotaBytes = init.quotaBytes ?? DEFAULT_QUOTA_BYTES;
  const slots = new Map<KeyId, Slot>();
  let usedBytes = 0;
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new StoreFailure({ code: 'io', message: 'memory store is closed' });
  };

  function putOne(key: KeyId, record: StoredRecord, verdict: RecordVerdict): PutResult {
    if (closed) return { ok: false, error: { code: 'io', message: 'memory store is closed' } };
    const existing = slots.get(key);
    const admission = deps.rules.admit(existing?.record, record, verdict, { key, usedBytes, quotaBytes });
    if (!admission.ok) return admission;
    if (admission.changed) {
      usedBytes += admission.sizeBytes - (existing?.sizeBytes ?? 0);
      slots.set(key, { record: admission.record, sizeBytes: admission.sizeBytes, fingerprint: deps.rules.fingerprint(admission.record) });
    }
    return { ok: true, record: admission.record, changed: admission.changed };
  }

  function summaries(range: RingRange): KeySummary[] {
    ensureOpen();
    const out: KeySummary[] = [];
    for (const [key, slot] of slots) if (inRingRange(key, range)) out.push({ key, fingerprint: slot.fingerprint });
    return out.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  // Async wrappers so callers cannot come to rely on synchronous completion.
  const later = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);

  return {
    get: (key) =>
      later(() => {
        ensureOpen();
        return slots.get(key)?.record;
      }),
    put: (key, record, verdict) => later(() => putOne(key, record, verdict)),
    putMany: (requests: readonly PutRequest[]) => later(() => requests.map((r) => putOne(r.key, r.record, r.verdict))),
    delete: (key) =>
      later(() => {
        ensureOpen();
        const slot = slots.get(key);
        if (slot) {
          usedBytes -= slot.sizeBytes;
          slots.delete(key);
        }
      }),
    keysInRange: (range) => later(() => summaries(range).map((s) => s.key)),
    summarize: (range) => later(() => summaries(range)),
    digest: (range, buckets) => later(() => deps.rules.digest(summaries(range), range, buckets)),
    usage: () =>
      later(() => {
        ensureOpen();
        return { records: slots.size, bytes: usedBytes, quotaBytes };
      }),
    close: () => {
      closed = true;
    },
  };
}
