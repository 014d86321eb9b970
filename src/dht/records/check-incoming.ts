// Admission of an incoming record at a replica (DESIGN.md §6): every replica checks before it
// stores, and refuses with a typed, counted error that goes back to the writer. Pure: the verdict
// (signatures, key id) arrives as data, usage and quota come from the store.
import type { RecordRejection, RecordRejectionCode, StoredRecord } from '../../wire/records.ts';
import { MAX_RECORD_BYTES, recordSizeBytes } from '../../wire/records.ts';
import type { AdmitContext, Admission, RecordVerdict } from '../../ports/record-store.ts';
import { mergeRecords, normalizeRecord, recordsEqual } from './merge.ts';

export type { AdmitContext, Admission };

export function rejection(code: RecordRejectionCode, message: string): { ok: false; error: RecordRejection } {
  return { ok: false, error: { code, message } };
}

/**
 * Decides whether `incoming` may be merged into `existing` under `ctx.key`. Checks, in order:
 * size, key id, record type, signatures, staleness, merged size, quota.
 */
export function checkIncoming(existing: StoredRecord | undefined, incoming: StoredRecord, verdict: RecordVerdict, ctx: AdmitContext): Admission {
  const incomingBytes = recordSizeBytes(incoming);
  if (incomingBytes > MAX_RECORD_BYTES) {
    return rejection('too_large', `record is ${incomingBytes} bytes; the limit is ${MAX_RECORD_BYTES}`);
  }
  if (verdict.keyId !== ctx.key) {
    return rejection('wrong_key', `record belongs under ${verdict.keyId}, not ${ctx.key}`);
  }
  if (existing && existing.type !== incoming.type) {
    return rejection('wrong_key', `key ${ctx.key} holds a ${existing.type} record, not a ${incoming.type} record`);
  }
  if (!verdict.authentic) {
    return rejection('forged', verdict.reason ?? 'signature does not verify');
  }
  if (existing?.type === 'mutable' && incoming.type === 'mutable') {
    if (incoming.seq < existing.seq) {
      return rejection('stale', `seq ${incoming.seq} is older than the stored seq ${existing.seq}`);
    }
  }
  const merged = existing ? mergeRecords(existing, incoming) : normalizeRecord(incoming);
  const changed = !existing || !recordsEqual(existing, merged);
  if (!changed && incoming.type === 'mutable' && existing && !recordsEqual(existing, incoming)) {
    return rejection('stale', `seq ${incoming.seq} lost the equal-seq tie-break to the stored record`);
  }
  const sizeBytes = recordSizeBytes(merged);
  if (sizeBytes > MAX_RECORD_BYTES) {
    return rejection('too_large', `merged record would be ${sizeBytes} bytes; the limit is ${MAX_RECORD_BYTES} (compact with a snapshot entry)`);
  }
  const existingBytes = existing ? recordSizeBytes(existing) : 0;
  if (changed && ctx.usedBytes - existingBytes + sizeBytes > ctx.quotaBytes) {
    return rejection('quota', `storing ${sizeBytes} bytes would exceed this node's quota of ${ctx.quotaBytes} bytes (${ctx.usedBytes} used)`);
  }
  return { ok: true, record: merged, changed, sizeBytes };
}
