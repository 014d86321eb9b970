// The two places the core's recursive routing (routing.ts) hands over to the store: a store
// payload delivered at the key's owner (or, for store_changed, at the watcher), and a routed
// answer arriving back at its origin.
// Kept free of routing.ts imports so there is no import cycle.
import type { KeyId } from '../../wire/ids.ts';
import type { ReplyPayload, RouteMessage } from '../../wire/messages.ts';
import type { NodeState } from '../node-state.ts';
import { inRingRange } from '../../ports/record-store.ts';
import { emitStoreEvent } from './ingest.ts';
import type { StoreOpErrorCode } from './store-effects.ts';
import { primaryGet } from './primary-read.ts';
import { primaryPut } from './primary-write.ts';
import { peekStore, storeOf } from './store-state.ts';
import { setLease } from './watch-leases.ts';

/**
 * Whether this node may act as `key`'s primary: its live predecessor bounds its range, or it is
 * alone on the ring. Stricter than routing's ownership (which trusts a sender's `final` when the
 * predecessor is unknown): an acknowledged write must sit on the replica set repairs look at.
 */
function knowsItOwns(node: NodeState, key: KeyId): boolean {
  const pred = node.predecessor;
  if (pred === null || pred === node.self) return node.successors.every((s) => s === node.self);
  return node.isLive(pred) && inRingRange(key, { from: pred, to: node.self });
}

/** Delivers a store payload at the key's owner; false for payloads that are not the store's. */
export function deliverStore(node: NodeState, message: RouteMessage, now: number, answer: (reply: ReplyPayload) => void): boolean {
  const payload = message.payload;
  if (payload.kind === 'store_changed') {
    // Routed to the watcher's id; the owner of that id is the watcher itself, unless it left.
    if (payload.watcher === node.self) emitStoreEvent(node, { type: 'record_changed', key: payload.key });
    return true;
  }
  if (payload.kind !== 'store_put' && payload.kind !== 'store_get' && payload.kind !== 'store_watch') return false;
  const pred = node.predecessor;
  if (payload.key !== message.target) {
    // The route went to the owner of `target`, which is not necessarily the owner of `key`.
    answer({ kind: 'store_failed', key: payload.key, code: 'wrong_key', message: 'route target differs from the key' });
  } else if (!knowsItOwns(node, payload.key)) {
    // Misrouted (a route that came back to its origin, or reached us while our predecessor had
    // just failed): storing here could put the record outside its replica set, where no repair
    // finds it. Fail instead; the writer retries once the ring has settled (seconds).
    answer({ kind: 'store_failed', key: payload.key, code: 'unreachable', message: `${node.self} is not sure it is the key's primary (predecessor ${pred ?? 'unknown'})` });
  } else if (payload.kind === 'store_put') {
    primaryPut(node, payload.key, payload.record, message.origin, now, answer);
  } else if (payload.kind === 'store_watch') {
    const lease = setLease(storeOf(node).watches, payload.key, message.origin, payload.ttlMs, now);
    if (lease.ok) answer({ kind: 'watching', key: payload.key, ttlMs: lease.ttlMs });
    else answer({ kind: 'store_failed', key: payload.key, code: 'quota', message: lease.message });
  } else {
    primaryGet(node, payload.key, now, answer);
  }
  return true;
}

/** A routed answer reached its origin: true when it belonged to a store operation. */
export function completeStoreAtOrigin(node: NodeState, lid: number, payload: ReplyPayload, now: number): boolean {
  const store = peekStore(node); // lookups of a node without a store must not create one
  const op = store?.origin.get(lid);
  if (!store || !op) return false;
  store.origin.delete(lid);
  const latencyMs = now - op.startedAt;
  const base = { opId: op.opId, key: op.key, latencyMs };
  const failed = (code: StoreOpErrorCode, message: string): void => {
    const type = op.kind === 'put' ? 'put_failed' : op.kind === 'get' ? 'get_failed' : 'watch_failed';
    emitStoreEvent(node, { type, ...base, code, message });
  };
  switch (payload.kind) {
    case 'stored':
      if (op.kind === 'put') emitStoreEvent(node, { type: 'put_done', ...base, replicas: payload.acks });
      else failed('unreachable', `a write acknowledgement answered a ${op.kind}`);
      break;
    case 'record':
      if (op.kind === 'get') emitStoreEvent(node, { type: 'get_done', ...base, record: payload.record, replicas: payload.replicas });
      else failed('unreachable', `a read answer answered a ${op.kind}`);
      break;
    case 'watching':
      if (op.kind === 'watch') emitStoreEvent(node, { type: 'watch_done', ...base, ttlMs: payload.ttlMs });
      else failed('unreachable', `a watch answer answered a ${op.kind}`);
      break;
    case 'store_failed':
      failed(payload.code, payload.message);
      break;
    case 'failed':
      failed(payload.code === 'unknown_node' ? 'unreachable' : payload.code, `routing: ${payload.code}`);
      break;
    case 'found':
      failed('unreachable', 'a lookup answer answered a store operation');
      break;
  }
  return true;
}

