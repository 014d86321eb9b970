// Puts, gets and watches started at this node (the origin): routed to the key's owner with the core's
// recursive routing (DESIGN.md §3), answered along the reverse path, and reported as typed events
// with the route's lid as the operation id.
import type { KeyId } from '../../wire/ids.ts';
import type { RoutedPayload } from '../../wire/messages.ts';
import type { StoredRecord } from '../../wire/records.ts';
import type { NodeState } from '../node-state.ts';
import { originate } from '../routing.ts';
import { storeOf } from './store-state.ts';

function startRoute(node: NodeState, kind: 'put' | 'get' | 'watch', key: KeyId, payload: RoutedPayload, now: number): number {
  const lid = node.newLid();
  storeOf(node).origin.set(lid, { opId: lid, kind, key, startedAt: now });
  originate(node, lid, key, payload, true, now);
  return lid;
}

export function startPut(node: NodeState, key: KeyId, record: StoredRecord, now: number): number {
  return startRoute(node, 'put', key, { kind: 'store_put', key, record }, now);
}

export function startGet(node: NodeState, key: KeyId, now: number): number {
  return startRoute(node, 'get', key, { kind: 'store_get', key }, now);
}

/** Asks `key`'s primary for a watch lease of `ttlMs` (0 ends it): store_changed comes while it runs. */
export function startWatch(node: NodeState, key: KeyId, ttlMs: number, now: number): number {
  return startRoute(node, 'watch', key, { kind: 'store_watch', key, ttlMs }, now);
}
