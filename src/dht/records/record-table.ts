// A synchronous in-memory record table with the RecordStore semantics, for the simulator (which
// may not import src/store) and for a node that wants a cache. Same rules as the adapters; the
// contract suite runs against it through an async wrapper (test/unit/records/record-table.test.ts).
import type { KeyId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';
import type { KeySummary, PutResult, RangeDigest, RecordVerdict, RingRange, StoreUsage } from '../../ports/record-store.ts';
import { DEFAULT_QUOTA_BYTES, inRingRange } from '../../ports/record-store.ts';
import { checkIncoming } from './check-incoming.ts';
import { recordFingerprint } from './rules.ts';
import { rangeDigests } from '../replication/digest.ts';

export interface RecordTable {
  get(key: KeyId): StoredRecord | undefined;
  put(key: KeyId, record: StoredRecord, verdict: RecordVerdict): PutResult;
  delete(key: KeyId): void;
  keysInRange(range: RingRange): KeyId[];
  summarize(range: RingRange): KeySummary[];
  digest(range: RingRange, buckets: number): RangeDigest[];
  usage(): StoreUsage;
}

export function createRecordTable(quotaBytes: number = DEFAULT_QUOTA_BYTES): RecordTable {
  const slots = new Map<KeyId, { record: StoredRecord; sizeBytes: number; fingerprint: string }>();
  let usedBytes = 0;

  function summarize(range: RingRange): KeySummary[] {
    const out: KeySummary[] = [];
    for (const [key, slot] of slots) if (inRingRange(key, range)) out.push({ key, fingerprint: slot.fingerprint });
    return out.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  return {
    get: (key) => slots.get(key)?.record,
    put(key, record, verdict) {
      const existing = slots.get(key);
      const admission = checkIncoming(existing?.record, record, verdict, { key, usedBytes, quotaBytes });
      if (!admission.ok) return admission;
      if (admission.changed) {
        usedBytes += admission.sizeBytes - (existing?.sizeBytes ?? 0);
        slots.set(key, { record: admission.record, sizeBytes: admission.sizeBytes, fingerprint: recordFingerprint(admission.record) });
      }
      return { ok: true, record: admission.record, changed: admission.changed };
    },
    delete(key) {
      const slot = slots.get(key);
      if (!slot) return;
      usedBytes -= slot.sizeBytes;
      slots.delete(key);
    },
    keysInRange: (range) => summarize(range).map((s) => s.key),
    summarize,
    digest: (range, buckets) => rangeDigests(summarize(range), range, buckets),
    usage: () => ({ records: slots.size, bytes: usedBytes, quotaBytes }),
  };
}
