// Moving many records between neighbours (DESIGN.md §6): a joining node pulls its range from its
// successor, anti-entropy pulls the keys that differ. Answers come as store_transfer frames of a
// few records each, `done` on the last; every record is verified and admitted on arrival.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { MessageOf } from '../../wire/messages.ts';
import { MAX_KEYS_PER_MESSAGE, MAX_TRANSFER_RECORDS, recordSizeBytes, type StoredRecord } from '../../wire/records.ts';
import type { RingRange } from '../../ports/record-store.ts';
import type { NodeState } from '../node-state.ts';
import { ingest } from './ingest.ts';
import { storeOf } from './store-state.ts';

/**
 * Record bytes per store_transfer frame: 80 KiB keeps a frame (JSON plus envelope) under the
 * codec's 128 KiB MAX_MESSAGE_BYTES; a single record is at most 64 KiB.
 */
const TRANSFER_FRAME_BYTES = 80 * 1024;

/** Asks `peer` for the records under `keys`, or for every record in `range`. */
export function pull(node: NodeState, peer: NodeId, keys: KeyId[], range: RingRange | null, now: number): void {
  if (peer === node.self) return;
  for (let i = 0; i < Math.max(keys.length, range ? 1 : 0); i += MAX_KEYS_PER_MESSAGE) {
    const slice = keys.slice(i, i + MAX_KEYS_PER_MESSAGE);
    storeOf(node).count('pulls');
    node.request(peer, (rid) => ({ type: 'store_pull', rid, keys: slice, range }), now, { onReply: () => {}, onFail: () => {} });
  }
}

export function onPull(node: NodeState, from: NodeId, message: MessageOf<'store_pull'>, now: number): void {
  const table = storeOf(node).table;
  const keys = message.range ? table.keysInRange(message.range) : message.keys;
  const records: { key: KeyId; record: StoredRecord }[] = [];
  for (const key of keys) {
    const record = table.get(key);
    if (record) records.push({ key, record });
  }
  sendTransfer(node, from, message.rid, records, now);
}

/** Sends records in frames; the last frame (possibly empty) carries done: true. */
export function sendTransfer(node: NodeState, to: NodeId, rid: number, records: readonly { key: KeyId; record: StoredRecord }[], now: number): void {
  let frame: { key: KeyId; record: StoredRecord }[] = [];
  let bytes = 0;
  for (const item of records) {
    const size = recordSizeBytes(item.record);
    if (frame.length > 0 && (frame.length >= MAX_TRANSFER_RECORDS || bytes + size > TRANSFER_FRAME_BYTES)) {
      node.sendTo(to, { type: 'store_transfer', rid, records: frame, done: false }, now);
      frame = [];
      bytes = 0;
    }
    frame.push(item);
    bytes += size;
  }
  node.sendTo(to, { type: 'store_transfer', rid, records: frame, done: true }, now);
}

/** Records arriving: each one through the ingest pipeline. Returns whether this frame was the last. */
export function onTransfer(node: NodeState, from: NodeId, message: MessageOf<'store_transfer'>, now: number): boolean {
  for (const { key, record } of message.records) ingest(node, key, record, from, now, () => {});
  return message.done;
}
