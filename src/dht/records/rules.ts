// The pure rules a RecordStore applies (src/ports/record-store.ts), bundled for the composition
// root: `createIdbStore(init, { rules: recordRules })`.
import type { RecordRules } from '../../ports/record-store.ts';
import type { StoredRecord } from '../../wire/records.ts';
import { checkIncoming } from './check-incoming.ts';
import { canonicalJson } from './merge.ts';
import { hash64 } from './bytes.ts';
import { rangeDigests } from '../replication/digest.ts';

/** Fingerprint for anti-entropy: equal records give equal strings (64-bit hash of canonical JSON). */
export function recordFingerprint(record: StoredRecord): string {
  return hash64(canonicalJson(record));
}

export const recordRules: RecordRules = {
  admit: checkIncoming,
  fingerprint: recordFingerprint,
  digest: rangeDigests,
};
