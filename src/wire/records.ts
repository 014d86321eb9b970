// Signed records as they travel on the wire and sit on disk (DESIGN.md §6, in the manner of BEP 44).
// The wire codec is JSON, so every binary field is an unpadded base64url string. The schemas here
// check shape and byte lengths only; signatures, key ids and merge rules live in src/dht/records.
import * as v from 'valibot';
import { isRingId, type KeyId, type NodeId, type RingId } from './ids.ts';

/**
 * Largest record, measured as the UTF-8 bytes of its JSON encoding: 64 KiB. Big enough for a
 * compacted Yjs snapshot of a long note, small enough that a replica set of R = 3 copies of a
 * full record still crosses a WebRTC link in a few 16 KiB frames (ENVIRONMENT.md). BEP 44 uses
 * 1000 bytes for UDP; we ride reliable data channels, hence larger.
 */
export const MAX_RECORD_BYTES = 64 * 1024;
/** Ed25519 public key: 32 bytes (RFC 8032). */
export const PUBLIC_KEY_BYTES = 32;
/** Ed25519 signature: 64 bytes (RFC 8032). The simulator's signer emits the same length. */
export const SIGNATURE_BYTES = 64;
/** Longest salt in UTF-8 bytes: 64. BEP 44 allows 64 bytes of salt; it names a record, not content. */
export const MAX_SALT_BYTES = 64;
/** Set-entry id: 128 bits of SHA-256 of the entry's signed bytes, as 32 lowercase hex digits. */
export const ENTRY_ID_HEX_LENGTH = 32;
/**
 * Most superseded-entry ids one set record remembers as tombstones: 512 ids, about 17 KiB of JSON
 * (34 bytes each), a quarter of MAX_RECORD_BYTES. Beyond that the merge keeps the 512 largest ids
 * (a deterministic, order-independent choice); an entry whose tombstone fell out may be
 * resurrected by a very late replica, which costs space but no meaning (Yjs updates are idempotent)
 * until the writer's next snapshot supersedes it again. See docs/store.md.
 */
export const MAX_TOMBSTONES = 512;
/** Most ids one entry may supersede: the tombstone bound, since each becomes a tombstone. */
export const MAX_SUPERSEDES = MAX_TOMBSTONES;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ENTRY_ID = /^[0-9a-f]{32}$/;

/** Bytes encoded by an unpadded base64url string of this length (-1 if no length of bytes gives it). */
export function base64urlByteLength(encodedLength: number): number {
  if (encodedLength % 4 === 1) return -1;
  return Math.floor((encodedLength * 3) / 4);
}

/** UTF-8 length of a string without allocating (TextEncoder would also do; this stays pure). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A base64url string carrying between `min` and `max` bytes. */
function base64urlBytes(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.maxLength(Math.ceil((max * 4) / 3)),
    v.regex(BASE64URL, 'not unpadded base64url'),
    v.check((s) => {
      const n = base64urlByteLength(s.length);
      return n >= min && n <= max;
    }, `must carry ${min}..${max} bytes`),
  );
}

const SaltSchema = v.pipe(
  v.string(),
  v.check((s) => utf8ByteLength(s) <= MAX_SALT_BYTES, `salt longer than ${MAX_SALT_BYTES} bytes`),
);
const EntryIdSchema = v.pipe(v.string(), v.regex(ENTRY_ID, 'not a 128-bit hex entry id'));
const PublicKeySchema = base64urlBytes(PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES);
const SignatureSchema = base64urlBytes(SIGNATURE_BYTES, SIGNATURE_BYTES);
const ValueSchema = base64urlBytes(0, MAX_RECORD_BYTES);

export const MutableRecordSchema = v.strictObject({
  type: v.literal('mutable'),
  /** Ed25519 public key, base64url (32 bytes). */
  publicKey: PublicKeySchema,
  /** Names one record among the key's records; part of the key id. */
  salt: SaltSchema,
  /** Writer's sequence number: higher wins (BEP 44 `seq`). */
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** Opaque value bytes, base64url (encrypted by the notes layer). */
  value: ValueSchema,
  /** Ed25519 signature of mutableSignedBytes(salt, seq, value), base64url (64 bytes). */
  sig: SignatureSchema,
});

export const SetEntrySchema = v.strictObject({
  /** First 128 bits of SHA-256(setEntrySignedBytes(...)), hex: names the entry for dedupe and tombstones. */
  id: EntryIdSchema,
  /** Opaque entry bytes, base64url (for example one encrypted Yjs update). */
  data: ValueSchema,
  /** Ids of earlier entries this one replaces (a snapshot); empty for an ordinary entry. */
  supersedes: v.pipe(v.array(EntryIdSchema), v.maxLength(MAX_SUPERSEDES)),
  /** Ed25519 signature of setEntrySignedBytes(salt, data, supersedes), base64url (64 bytes). */
  sig: SignatureSchema,
});

export const SetRecordSchema = v.strictObject({
  type: v.literal('set'),
  publicKey: PublicKeySchema,
  salt: SaltSchema,
  /** Live entries, sorted by id, none of them tombstoned. */
  entries: v.array(SetEntrySchema),
  /** Ids of superseded entries, sorted, at most MAX_TOMBSTONES (see there). */
  tombstones: v.pipe(v.array(EntryIdSchema), v.maxLength(MAX_TOMBSTONES)),
});

export const StoredRecordSchema = v.variant('type', [MutableRecordSchema, SetRecordSchema]);

export type MutableRecord = v.InferOutput<typeof MutableRecordSchema>;
export type SetEntry = v.InferOutput<typeof SetEntrySchema>;
export type SetRecord = v.InferOutput<typeof SetRecordSchema>;
/** Any record a node stores under a key id. */
export type StoredRecord = MutableRecord | SetRecord;
export type RecordType = StoredRecord['type'];

/** Size of a record as the limits count it: UTF-8 bytes of its JSON. */
export function recordSizeBytes(record: StoredRecord): number {
  return utf8ByteLength(JSON.stringify(record));
}

/** Why a record was refused. Counted by the node and returned to the writer. */
export type RecordRejectionCode = 'forged' | 'stale' | 'wrong_key' | 'too_large' | 'quota' | 'malformed';

export interface RecordRejection {
  code: RecordRejectionCode;
  /** Human-readable detail for logs and the writer; never parsed. */
  message: string;
}

export const RecordRejectionSchema = v.strictObject({
  code: v.picklist(['forged', 'stale', 'wrong_key', 'too_large', 'quota', 'malformed']),
  message: v.pipe(v.string(), v.maxLength(500)),
});

/** Parses untrusted input into a record, or a `malformed` rejection (never throws). */
export function parseRecord(input: unknown): { ok: true; record: StoredRecord } | { ok: false; error: RecordRejection } {
  const result = v.safeParse(StoredRecordSchema, input);
  if (result.success) return { ok: true, record: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: { code: 'malformed', message: `record${path ? `.${path}` : ''}: ${issue.message}` } };
}

/** A key id as records carry it (re-exported so record users need one import). */
export type { KeyId };

// ---------------------------------------------------------------------------------------------
// Store messages, spread into messages.ts's MessageSchema, RoutedPayloadSchema and
// ReplyPayloadSchema. Field names follow messages.ts: `rid` is a u32 request id answered by the
// reply with the same `rid`. See docs/store.md and PROTOCOL.md for the flows.

/** Records per store_transfer frame: 4 × 64 KiB stays under SCTP's 256 KiB message limit. */
export const MAX_TRANSFER_RECORDS = 4;
/** Keys per store_pull or per summaries list: 2,048 × ~60 bytes ≈ 120 KiB of JSON. */
export const MAX_KEYS_PER_MESSAGE = 2048;
/** Digest buckets per store_digest: 256. */
export const MAX_DIGEST_BUCKETS = 256;
/** Longest watch lease a primary grants (ms); watchers renew well before it runs out. */
export const MAX_WATCH_TTL_MS = 300_000;

const rid = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));
const keyIdSchema = v.custom<KeyId>(isRingId, 'expected a 160-bit hex key id');
const nodeIdSchema = v.custom<NodeId>(isRingId, 'expected a 160-bit hex node id');
const ringIdSchema = v.custom<RingId>(isRingId, 'expected a 160-bit hex ring id');
export const RingRangeSchema = v.strictObject({ from: ringIdSchema, to: ringIdSchema });
export const KeySummarySchema = v.strictObject({ key: keyIdSchema, fingerprint: v.pipe(v.string(), v.maxLength(64)) });
export const RangeDigestSchema = v.strictObject({
  range: RingRangeSchema,
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  hash: v.pipe(v.string(), v.maxLength(64)),
});
const keyedRecord = v.strictObject({ key: keyIdSchema, record: StoredRecordSchema });
/** Why a store request failed at the replica or at the primary's quorum. */
export const StoreFailureCodeSchema = v.picklist(['forged', 'stale', 'wrong_key', 'too_large', 'quota', 'malformed', 'io', 'timeout', 'unreachable']);

/** Routed to the owner of `key` inside a `route` message (payload kinds). */
export const StoreRoutedPayloadSchemas = [
  /** Write: the primary admits, stores, replicates to R−1 successors and replies after W acks. */
  v.object({ kind: v.literal('store_put'), key: keyIdSchema, record: StoredRecordSchema }),
  /** Read: the primary answers with its record and its replica set (for fallback reads). */
  v.object({ kind: v.literal('store_get'), key: keyIdSchema }),
  /** Watch: tell the origin (store_changed) when the record changes, for `ttlMs`; 0 ends the lease. */
  v.object({ kind: v.literal('store_watch'), key: keyIdSchema, ttlMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_WATCH_TTL_MS)) }),
  /** Routed to the watcher's own id (reply false): the record at `key` changed; fetch it. */
  v.object({ kind: v.literal('store_changed'), key: keyIdSchema, watcher: nodeIdSchema }),
] as const;

/** The owner's answers inside `route_reply` (payload kinds). */
export const StoreReplyPayloadSchemas = [
  v.object({ kind: v.literal('stored'), key: keyIdSchema, acks: v.pipe(v.array(nodeIdSchema), v.maxLength(16)) }),
  v.object({ kind: v.literal('store_failed'), key: keyIdSchema, code: StoreFailureCodeSchema, message: v.pipe(v.string(), v.maxLength(500)) }),
  v.object({ kind: v.literal('record'), key: keyIdSchema, record: v.nullable(StoredRecordSchema), replicas: v.pipe(v.array(nodeIdSchema), v.maxLength(16)) }),
  /** The primary holds the watch lease for `ttlMs` (0: the lease ended). */
  v.object({ kind: v.literal('watching'), key: keyIdSchema, ttlMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_WATCH_TTL_MS)) }),
] as const;

/** Direct messages between replicas over an existing link. */
export const StoreMessageSchemas = [
  /** Primary → replica: store this (a write's fan-out, re-replication, read repair). */
  v.object({ type: v.literal('store_replicate'), rid, key: keyIdSchema, record: StoredRecordSchema }),
  /** Replica → primary: persisted (`ok`), or refused with a code. */
  v.object({ type: v.literal('store_ack'), rid, key: keyIdSchema }),
  v.object({ type: v.literal('store_nack'), rid, key: keyIdSchema, code: StoreFailureCodeSchema, message: v.pipe(v.string(), v.maxLength(500)) }),
  /** Read fallback: ask one replica for its copy. */
  v.object({ type: v.literal('store_fetch'), rid, key: keyIdSchema }),
  v.object({ type: v.literal('store_value'), rid, key: keyIdSchema, record: v.nullable(StoredRecordSchema) }),
  /** Anti-entropy, step 1: my digests of `range` cut into digests.length buckets. */
  v.object({ type: v.literal('store_digest'), rid, range: RingRangeSchema, digests: v.pipe(v.array(RangeDigestSchema), v.minLength(1), v.maxLength(MAX_DIGEST_BUCKETS)) }),
  /** Step 2: the sub-ranges that differ, with my summaries of them (truncated → `more`: ask again for the rest). */
  v.object({ type: v.literal('store_summaries'), rid, ranges: v.pipe(v.array(RingRangeSchema), v.maxLength(MAX_DIGEST_BUCKETS)), summaries: v.pipe(v.array(KeySummarySchema), v.maxLength(MAX_KEYS_PER_MESSAGE)), more: v.boolean() }),
  /** Step 3 / join handoff: send me these keys, or every key in `range` (a joining node to its successor). */
  v.object({ type: v.literal('store_pull'), rid, keys: v.pipe(v.array(keyIdSchema), v.maxLength(MAX_KEYS_PER_MESSAGE)), range: v.nullable(RingRangeSchema) }),
  /** Records in answer to store_pull (several frames; `done` on the last), or pushed after a diff (rid 0). */
  v.object({ type: v.literal('store_transfer'), rid, records: v.pipe(v.array(keyedRecord), v.maxLength(MAX_TRANSFER_RECORDS)), done: v.boolean() }),
] as const;
