// A read at its key's primary (DESIGN.md §6): the primary asks the other replicas for their
// copies, answers with the join of all of them (so a primary that missed a write still answers
// it), and repairs every replica that answered with something older or nothing (read repair).
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { ReplyPayload } from '../../wire/messages.ts';
import { planReadRepair, type ReadResponse } from '../replication/read-repair.ts';
import { recordsEqual } from '../records/merge.ts';
import type { NodeState } from '../node-state.ts';
import { ingest } from './ingest.ts';
import { replicasOf } from './replica-view.ts';
import { storeOf } from './store-state.ts';

type Answer = (payload: ReplyPayload) => void;

/** A store_get delivered to us as the key's owner. */
export function primaryGet(node: NodeState, key: KeyId, now: number, answer: Answer): void {
  const store = storeOf(node);
  const others = replicasOf(node, key).filter((n) => n !== node.self);
  const responses: ReadResponse[] = [{ node: node.self, record: store.table.get(key) }];
  let outstanding = others.length;
  const finish = (at: number): void => {
    const plan = planReadRepair(responses);
    const replicas = [node.self, ...others];
    const merged = plan.record;
    if (!merged) {
      answer({ kind: 'record', key, record: null, replicas });
      return;
    }
    const mine = store.table.get(key);
    const respond = (): void => {
      // Only what passed our own verification is answered and spread (a replica may lie).
      const stored = store.table.get(key);
      answer({ kind: 'record', key, record: stored ?? null, replicas });
      if (!stored) return;
      for (const peer of plan.repair) {
        if (peer === node.self) continue;
        store.count('read_repair');
        node.request(peer, (rid) => ({ type: 'store_replicate', rid, key, record: stored }), at, { onReply: () => {}, onFail: () => {} });
      }
    };
    // Another replica knew more than we did: adopt the join (verified like any record) first.
    if (!mine || !recordsEqual(mine, merged)) ingest(node, key, merged, null, at, () => respond());
    else respond();
  };
  if (outstanding === 0) {
    finish(now);
    return;
  }
  const answered = (peer: NodeId, record: ReadResponse['record'] | 'failed', at: number): void => {
    if (record !== 'failed') responses.push({ node: peer, record });
    outstanding--;
    if (outstanding === 0) finish(at);
  };
  for (const peer of others) {
    node.request(peer, (rid) => ({ type: 'store_fetch', rid, key }), now, {
      onReply: (message, at) => answered(peer, message.type === 'store_value' && message.record !== null ? message.record : undefined, at),
      onFail: (at) => answered(peer, 'failed', at),
    });
  }
}
