// A replica's side of replication (DESIGN.md §6): store what a primary sends (verified and
// admitted like any record) and answer with an ack or a typed nack; hand out our copy on request.
import type { NodeId } from '../../wire/ids.ts';
import type { MessageOf } from '../../wire/messages.ts';
import type { NodeState } from '../node-state.ts';
import { ingest } from './ingest.ts';
import { storeOf } from './store-state.ts';

export function onReplicate(node: NodeState, from: NodeId, message: MessageOf<'store_replicate'>, now: number): void {
  const { rid, key } = message;
  ingest(node, key, message.record, from, now, (result, at) => {
    if (result.ok) node.sendTo(from, { type: 'store_ack', rid, key }, at);
    else node.sendTo(from, { type: 'store_nack', rid, key, code: result.error.code, message: result.error.message.slice(0, 500) }, at);
  });
}

export function onFetch(node: NodeState, from: NodeId, message: MessageOf<'store_fetch'>, now: number): void {
  const record = storeOf(node).table.get(message.key) ?? null;
  node.sendTo(from, { type: 'store_value', rid: message.rid, key: message.key, record }, now);
}
