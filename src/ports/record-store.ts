// The RecordStore port (DESIGN.md §6): where a node keeps the records it replicates. Adapters:
// src/store/memory-store.ts and src/store/idb-store.ts, both held to one contract suite
// (test/contract/store-contract.ts). The store owns no rules: it applies the pure rules it is
// given (RecordRules, implemented in src/dht/records/rules.ts) inside its own read-modify-write,
// so a merge and its write are one atomic step (one IndexedDB transaction in the browser).
import type { KeyId, RingId } from '../wire/ids.ts';
import type { RecordRejection, RecordRejectionCode, StoredRecord } from '../wire/records.ts';

/** The outcome of verifying one record, computed outside the core and handed in as data. */
export interface RecordVerdict {
  /** First 160 bits of SHA-256(public key ‖ salt): the only key this record may be stored under. */
  keyId: KeyId;
  /** Every signature verifies under the record's public key and every set-entry id matches its bytes. */
  authentic: boolean;
  /** Why not authentic, for logs and the writer. */
  reason?: string;
}

export interface AdmitContext {
  /** The key id the record was sent to (the put's target). */
  key: KeyId;
  /** Bytes the store holds now (sum of recordSizeBytes over its records). */
  usedBytes: number;
  /** The store's quota in bytes. */
  quotaBytes: number;
}

export type Admission =
  | {
      ok: true;
      /** The merged record to store (equal to `existing` when nothing changed). */
      record: StoredRecord;
      /** False when the incoming record added nothing (an idempotent replay, or an older set). */
      changed: boolean;
      /** recordSizeBytes(record). */
      sizeBytes: number;
    }
  | { ok: false; error: RecordRejection };

/**
 * A half-open ring interval (from, to], clockwise. `from === to` is the whole ring (a ring of one
 * node owns every key), matching Chord's convention for a node's own range (pred, self].
 */
export interface RingRange {
  from: RingId;
  to: RingId;
}

/** Whether `id` lies in (from, to] on the ring. Ids are fixed-width lowercase hex, so string order is numeric order. */
export function inRingRange(id: RingId, range: RingRange): boolean {
  const { from, to } = range;
  if (from === to) return true;
  return from < to ? id > from && id <= to : id > from || id <= to;
}

/** One key as anti-entropy sees it: a cheap fingerprint of its record. */
export interface KeySummary {
  key: KeyId;
  /** Equal records give equal fingerprints (RecordRules.fingerprint). */
  fingerprint: string;
}

/** The digest of one ring sub-range, compared between neighbours. */
export interface RangeDigest {
  range: RingRange;
  /** Keys in the sub-range. */
  count: number;
  /** Hash of the sorted (key, fingerprint) pairs; equal hashes mean nothing to transfer. */
  hash: string;
}

/** The pure rules a store applies (src/dht/records/rules.ts: `recordRules`). */
export interface RecordRules {
  admit(existing: StoredRecord | undefined, incoming: StoredRecord, verdict: RecordVerdict, ctx: AdmitContext): Admission;
  fingerprint(record: StoredRecord): string;
  digest(summaries: readonly KeySummary[], range: RingRange, buckets: number): RangeDigest[];
}

/** A store failure: a rule's rejection, or `io` when the storage itself failed (IndexedDB error). */
export type StoreErrorCode = RecordRejectionCode | 'io';

export interface StoreError {
  code: StoreErrorCode;
  message: string;
}

export type PutResult = { ok: true; record: StoredRecord; changed: boolean } | { ok: false; error: StoreError };

export interface PutRequest {
  key: KeyId;
  record: StoredRecord;
  verdict: RecordVerdict;
}

export interface StoreUsage {
  records: number;
  /** Sum of recordSizeBytes over stored records. */
  bytes: number;
  quotaBytes: number;
}

/** Thrown (as a rejected promise) by reads when the storage itself fails. Puts resolve with a PutResult instead. */
export class StoreFailure extends Error {
  readonly code: StoreErrorCode;
  constructor(error: StoreError, options?: ErrorOptions) {
    super(error.message, options);
    this.name = 'StoreFailure';
    this.code = error.code;
  }
}

export interface RecordStore {
  get(key: KeyId): Promise<StoredRecord | undefined>;
  /** Admits `record` under `key` with the rules and merges it with what is stored, atomically. Never rejects. */
  put(key: KeyId, record: StoredRecord, verdict: RecordVerdict): Promise<PutResult>;
  /** Several puts in one transaction (handoff, anti-entropy); results in request order. Never rejects. */
  putMany(requests: readonly PutRequest[]): Promise<PutResult[]>;
  /** Removes a key (a node releasing a range it no longer replicates). */
  delete(key: KeyId): Promise<void>;
  /** Keys in (from, to], sorted by id. */
  keysInRange(range: RingRange): Promise<KeyId[]>;
  /** (key, fingerprint) for every key in (from, to], sorted by key. */
  summarize(range: RingRange): Promise<KeySummary[]>;
  /** Digests of `buckets` equal sub-ranges of `range` (RecordRules.digest over summarize). */
  digest(range: RingRange, buckets: number): Promise<RangeDigest[]>;
  usage(): Promise<StoreUsage>;
  /** Releases resources; later calls may fail with `io`. */
  close(): void;
}

/**
 * Default per-node storage quota: 50 MiB. A tab hosts one node; 10^4 notes of a few KiB each fit
 * several times over, while the origin's IndexedDB (Chromium: up to 60% of free disk, shared by
 * every tab's node) stays far from the browser's own quota.
 */
export const DEFAULT_QUOTA_BYTES = 50 * 1024 * 1024;
