// Periodic anti-entropy between neighbours (DESIGN.md §6): a primary sends its digests of
// (predecessor, self] to each replica; the replica answers with its (key, fingerprint) lists for
// the sub-ranges that differ; the primary pushes what the replica lacks and pulls what it lacks
// itself. Only differing buckets and keys cross the wire (src/dht/replication/digest.ts).
import type { NodeId } from '../../wire/ids.ts';
import type { MessageOf } from '../../wire/messages.ts';
import { MAX_KEYS_PER_MESSAGE } from '../../wire/records.ts';
import { differingRanges, diffSummaries } from '../replication/digest.ts';
import type { KeySummary } from '../../ports/record-store.ts';
import type { NodeState } from '../node-state.ts';
import { replicaSuccessors } from './replica-view.ts';
import { storeOf } from './store-state.ts';
import { pull, sendTransfer } from './transfer.ts';

/** One anti-entropy round with each replica of our primary range. */
export function antiEntropyRound(node: NodeState, now: number): void {
  const store = storeOf(node);
  store.nextAntiEntropyAt = now + (0.5 + node.rng.next()) * store.config.antiEntropyMs;
  const pred = node.predecessor;
  if (!node.joined || pred === null) return;
  const range = { from: pred, to: node.self };
  const digests = store.table.digest(range, store.config.digestBuckets);
  for (const peer of replicaSuccessors(node)) {
    store.count('anti_entropy_rounds');
    node.request(peer, (rid) => ({ type: 'store_digest', rid, range, digests }), now, {
      onReply: (message, at) => {
        if (message.type === 'store_summaries') reconcile(node, peer, message, at);
      },
      onFail: () => {},
    });
  }
}

/** A neighbour's digests: answer with our summaries of the sub-ranges where we differ. */
export function onDigest(node: NodeState, from: NodeId, message: MessageOf<'store_digest'>, now: number): void {
  const table = storeOf(node).table;
  const mine = table.digest(message.range, message.digests.length);
  const ranges = differingRanges(mine, message.digests);
  let summaries: KeySummary[] = [];
  for (const r of ranges) summaries = summaries.concat(table.summarize(r));
  const more = summaries.length > MAX_KEYS_PER_MESSAGE;
  node.sendTo(from, { type: 'store_summaries', rid: message.rid, ranges, summaries: summaries.slice(0, MAX_KEYS_PER_MESSAGE), more }, now);
}

function reconcile(node: NodeState, peer: NodeId, message: MessageOf<'store_summaries'>, now: number): void {
  const store = storeOf(node);
  let mine: KeySummary[] = [];
  for (const r of message.ranges) mine = mine.concat(store.table.summarize(r));
  const diff = diffSummaries(mine, message.summaries);
  if (diff.push.length > 0) {
    store.count('anti_entropy_pushed');
    const records = diff.push.flatMap((key) => {
      const record = store.table.get(key);
      return record ? [{ key, record }] : [];
    });
    sendTransfer(node, peer, 0, records, now);
  }
  if (diff.pull.length > 0) {
    store.count('anti_entropy_pulled');
    pull(node, peer, diff.pull, null, now);
  }
}
