// Every record that reaches a node — a write at its primary, a replica's copy, a repair, a
// handoff — goes through one pipeline (DESIGN.md §6): verify (an effect, answered by
// ChordNode.verified), admit with the pure rules into the working table, persist (an effect,
// answered by ChordNode.persisted), then `done`. A record equal to the stored one skips it all.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';
import type { PutResult, RecordVerdict } from '../../ports/record-store.ts';
import { recordsEqual } from '../records/merge.ts';
import type { NodeState } from '../node-state.ts';
import type { StoreEffect, StoreEvent } from './store-effects.ts';
import { storeOf, type IngestResult } from './store-state.ts';

export function emitStore(node: NodeState, effect: StoreEffect): void {
  // Store effects travel in the core's one effect stream (effects.ts includes StoreEffect).
  node.out.push(effect);
}

export function emitStoreEvent(node: NodeState, event: StoreEvent): void {
  node.emit(event);
}

/** Starts the pipeline for `record` under `key`; `done` runs once it is stored or refused. */
export function ingest(node: NodeState, key: KeyId, record: StoredRecord, from: NodeId | null, now: number, done: (result: IngestResult, now: number) => void): void {
  const store = storeOf(node);
  const existing = store.table.get(key);
  if (existing && recordsEqual(existing, record)) {
    // Equal to our working copy — but that copy may not be on disk yet: an ack means persisted.
    const persisting = [...store.ingests.values()].find((op) => op.key === key && op.stage === 'persist' && op.merged !== undefined && recordsEqual(op.merged, record));
    if (persisting) persisting.waiters.push(done);
    else done({ ok: true, changed: false }, now);
    return;
  }
  const opId = store.nextOpId++;
  store.ingests.set(opId, { key, record, from, stage: 'verify', previous: undefined, merged: undefined, done, waiters: [] });
  emitStore(node, { type: 'store_verify', opId, record });
}

/** The caller's verdict on a record (ChordNode.verified). */
export function onVerified(node: NodeState, opId: number, verdict: RecordVerdict, now: number): void {
  const store = storeOf(node);
  const op = store.ingests.get(opId);
  if (!op || op.stage !== 'verify') return;
  const previous = store.table.get(op.key);
  const result = store.table.put(op.key, op.record, verdict);
  if (!result.ok) {
    store.ingests.delete(opId);
    refuse(node, op.key, op.from, result.error.code, result.error.message);
    op.done({ ok: false, error: result.error }, now);
    return;
  }
  if (!result.changed) {
    store.ingests.delete(opId);
    op.done({ ok: true, changed: false }, now);
    return;
  }
  op.stage = 'persist';
  op.previous = previous;
  op.merged = result.record;
  emitStore(node, { type: 'store_persist', opId, keyId: op.key, record: result.record, verdict: { keyId: op.key, authentic: true } });
}

/**
 * The disk's answer (ChordNode.persisted). A refusal rolls the working table back. Returns the
 * key whose stored copy changed, and who brought it, so the caller can tell the key's watchers.
 */
export function onPersisted(node: NodeState, opId: number, result: PutResult, now: number): { key: KeyId; from: NodeId | null } | undefined {
  const store = storeOf(node);
  const op = store.ingests.get(opId);
  if (!op || op.stage !== 'persist') return undefined;
  store.ingests.delete(opId);
  if (!result.ok) {
    const current = store.table.get(op.key);
    if (current && op.merged && recordsEqual(current, op.merged)) {
      store.table.delete(op.key);
      if (op.previous) store.table.put(op.key, op.previous, { keyId: op.key, authentic: true });
    }
    refuse(node, op.key, op.from, result.error.code, result.error.message);
    op.done({ ok: false, error: result.error }, now);
    for (const waiter of op.waiters) waiter({ ok: false, error: result.error }, now);
    return undefined;
  }
  emitStoreEvent(node, { type: 'record_stored', key: op.key, from: op.from });
  op.done({ ok: true, changed: true }, now);
  for (const waiter of op.waiters) waiter({ ok: true, changed: false }, now);
  return { key: op.key, from: op.from };
}

function refuse(node: NodeState, key: KeyId, from: NodeId | null, code: 'forged' | 'stale' | 'wrong_key' | 'too_large' | 'quota' | 'malformed' | 'io', message: string): void {
  storeOf(node).count(code);
  emitStoreEvent(node, { type: 'record_refused', key, from, code, message });
}
