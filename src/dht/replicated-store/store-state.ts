// The store half of a node's state (DESIGN.md §6). Kept beside NodeState (one per node, found
// with storeOf) so the Chord core's own state stays as it is. The record table is the node's
// working copy, a write-through cache of its RecordStore: reads are synchronous here, and every
// change is made durable through a `store_persist` effect before anyone is told it is stored.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { RecordRejection, StoredRecord } from '../../wire/records.ts';
import type { PutResult, RecordVerdict } from '../../ports/record-store.ts';
import { createRecordTable, type RecordTable } from '../records/record-table.ts';
import type { QuorumState } from '../replication/quorum.ts';
import type { ReplyPayload } from '../../wire/messages.ts';
import type { NodeState } from '../node-state.ts';
import { resolveStoreConfig, type StoreConfig, type StoreInit } from './store-config.ts';
import type { WatchLeases } from './watch-leases.ts';

/** Why an ingest ended: stored (changed or not), or refused with a rejection (or io). */
export type IngestResult = { ok: true; changed: boolean } | { ok: false; error: RecordRejection | { code: 'io'; message: string } };

/** One record on its way through verify → admit → persist. */
export interface IngestOp {
  key: KeyId;
  record: StoredRecord;
  from: NodeId | null;
  stage: 'verify' | 'persist';
  /** What the table held before this op changed it (rolled back if the disk refuses). */
  previous: StoredRecord | undefined;
  merged: StoredRecord | undefined;
  done: (result: IngestResult, now: number) => void;
  /** Later arrivals of the same record while this one is being persisted: answered with it. */
  waiters: ((result: IngestResult, now: number) => void)[];
}

/** A write this node is primary for: waits for W persisted copies, then answers the writer. */
export interface PendingWrite {
  key: KeyId;
  quorum: QuorumState;
  answer: (payload: ReplyPayload) => void;
}

/** A put, get or watch this node started (the origin), by its route's lid. */
export interface OriginOp {
  opId: number;
  kind: 'put' | 'get' | 'watch';
  key: KeyId;
  startedAt: number;
}

/** Counted refusals by code, for the UI and the experiments. */
export type StoreCounters = Record<string, number>;

export class StoreState {
  readonly config: StoreConfig;
  readonly table: RecordTable;
  nextOpId = 1;
  readonly ingests = new Map<number, IngestOp>();
  readonly writes = new Map<number, PendingWrite>();
  nextWriteId = 1;
  readonly origin = new Map<number, OriginOp>();
  /** Watch leases this node holds as a primary (watch-leases.ts). */
  readonly watches: WatchLeases = new Map();
  /** The neighbourhood as last acted on: predecessor and the first R−1 successors. */
  view: { predecessor: NodeId | null; successors: NodeId[] } = { predecessor: null, successors: [] };
  nextAntiEntropyAt = Infinity;
  readonly counters: StoreCounters = {};

  constructor(init: StoreInit = {}) {
    this.config = resolveStoreConfig(init);
    this.table = createRecordTable(this.config.quotaBytes);
  }

  count(name: string): void {
    this.counters[name] = (this.counters[name] ?? 0) + 1;
  }
}

const states = new WeakMap<NodeState, StoreState>();

/** The store state of `node`, created with defaults on first use. */
export function storeOf(node: NodeState): StoreState {
  let s = states.get(node);
  if (!s) {
    s = new StoreState();
    states.set(node, s);
  }
  return s;
}

/**
 * The store state of `node` if it has one: a node that never stored, served or was configured
 * for records pays nothing (no anti-entropy rounds, no neighbourhood tracking).
 */
export function peekStore(node: NodeState): StoreState | undefined {
  return states.get(node);
}

/** Replaces the store's options (before the node stores anything). */
export function configureStore(node: NodeState, init: StoreInit): StoreState {
  const s = new StoreState(init);
  states.set(node, s);
  return s;
}

/** A verdict for records restored from this node's own disk (verified when they were first stored). */
export function trustedVerdict(key: KeyId): RecordVerdict {
  return { keyId: key, authentic: true };
}

export type { PutResult };
