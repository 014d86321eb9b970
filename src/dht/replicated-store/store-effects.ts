// What the store half of the core asks its caller to do, and what it reports (DESIGN.md §6). The
// core never verifies a signature nor touches the disk: it emits `store_verify` and
// `store_persist`, and the caller answers with ChordNode.verified() and ChordNode.persisted().
// The browser runs them on WebCrypto and IndexedDB (src/runtime/store-runtime.ts); the simulator
// answers from its deterministic signer and an in-memory table (src/sim/chord-sim.ts).
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';
import type { RecordVerdict } from '../../ports/record-store.ts';

/** Why a put or get failed, as the writer or reader sees it. */
export type StoreOpErrorCode = 'forged' | 'stale' | 'wrong_key' | 'too_large' | 'quota' | 'malformed' | 'io' | 'timeout' | 'unreachable' | 'no_route' | 'hop_limit';

export type StoreEffect =
  /** Judge `record` (signatures, key id): answer with node.verified(opId, verdict, now). */
  | { type: 'store_verify'; opId: number; record: StoredRecord }
  /**
   * Durably merge `record` (already admitted by the core's pure rules) under `keyId`: answer with
   * node.persisted(opId, result, now) once it is on disk, or with the store's error.
   */
  | { type: 'store_persist'; opId: number; keyId: KeyId; record: StoredRecord; verdict: RecordVerdict };

export type StoreEvent =
  /** A put this node started finished: `replicas` persisted it (at least W of them). */
  | { type: 'put_done'; opId: number; key: KeyId; replicas: NodeId[]; latencyMs: number }
  | { type: 'put_failed'; opId: number; key: KeyId; code: StoreOpErrorCode; message: string; latencyMs: number }
  /** A get this node started finished; `record` is null when no replica holds the key. */
  | { type: 'get_done'; opId: number; key: KeyId; record: StoredRecord | null; replicas: NodeId[]; latencyMs: number }
  | { type: 'get_failed'; opId: number; key: KeyId; code: StoreOpErrorCode; message: string; latencyMs: number }
  /** A watch this node started is held by the key's primary for `ttlMs` (renew before it runs out). */
  | { type: 'watch_done'; opId: number; key: KeyId; ttlMs: number; latencyMs: number }
  | { type: 'watch_failed'; opId: number; key: KeyId; code: StoreOpErrorCode; message: string; latencyMs: number }
  /** A key this node watches changed at its primary: fetch it (the notification carries no record). */
  | { type: 'record_changed'; key: KeyId }
  /** This node's copy of `key` changed (a write, a replica, a repair, a handoff). */
  | { type: 'record_stored'; key: KeyId; from: NodeId | null }
  /** This node refused a record (counted): forged, stale, wrong_key, too_large, quota, malformed or io. */
  | { type: 'record_refused'; key: KeyId; from: NodeId | null; code: StoreOpErrorCode; message: string };
