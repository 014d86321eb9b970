// A write at its key's primary (DESIGN.md §6): admit and persist locally, send the stored record
// to the other R−1 replicas, and answer the writer once W copies are on disk — or with the first
// typed refusal that leaves W out of reach, or `timeout`.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { ReplyPayload } from '../../wire/messages.ts';
import type { StoredRecord } from '../../wire/records.ts';
import { createQuorum, quorumOutcome, recordAck, recordNack, type QuorumNack } from '../replication/quorum.ts';
import type { NodeState } from '../node-state.ts';
import { ingest } from './ingest.ts';
import { replicasOf } from './replica-view.ts';
import { peekStore, storeOf, type PendingWrite } from './store-state.ts';

type Answer = (payload: ReplyPayload) => void;
const writesOf = (node: NodeState): Map<number, PendingWrite> => storeOf(node).writes;
const NO_WRITES = new Map<number, PendingWrite>();
const peekWrites = (node: NodeState): Map<number, PendingWrite> => peekStore(node)?.writes ?? NO_WRITES;

/** A store_put delivered to us as the key's owner. */
export function primaryPut(node: NodeState, key: KeyId, record: StoredRecord, origin: NodeId, now: number, answer: Answer): void {
  ingest(node, key, record, origin, now, (result, at) => {
    if (!result.ok) {
      answer({ kind: 'store_failed', key, code: result.error.code, message: result.error.message });
      return;
    }
    const stored = storeOf(node).table.get(key);
    if (!stored) {
      answer({ kind: 'store_failed', key, code: 'io', message: 'record vanished after it was stored' });
      return;
    }
    replicateWrite(node, key, stored, at, answer);
  });
}

/** Sends `record` to the other replicas and answers once W have persisted it (us included). */
function replicateWrite(node: NodeState, key: KeyId, record: StoredRecord, now: number, answer: Answer): void {
  const store = storeOf(node);
  const replicas = replicasOf(node, key);
  if (!replicas.includes(node.self)) replicas.unshift(node.self);
  const id = store.nextWriteId++;
  const write: PendingWrite = { key, quorum: recordAck(createQuorum(replicas, store.config.writeQuorum, now + store.config.quorumTimeoutMs), node.self), answer };
  writesOf(node).set(id, write);
  for (const peer of replicas) {
    if (peer === node.self) continue;
    node.request(peer, (rid) => ({ type: 'store_replicate', rid, key, record }), now, {
      onReply: (message, at) => {
        if (message.type === 'store_ack') write.quorum = recordAck(write.quorum, peer);
        else if (message.type === 'store_nack') write.quorum = recordNack(write.quorum, { node: peer, error: nackError(message.code, message.message) });
        settle(node, id, at);
      },
      onFail: (at) => {
        write.quorum = recordNack(write.quorum, { node: peer, error: { code: 'unreachable', message: `replica ${peer} did not answer` } });
        settle(node, id, at);
      },
    });
  }
  settle(node, id, now);
}

function nackError(code: string, message: string): QuorumNack['error'] {
  switch (code) {
    case 'forged':
    case 'stale':
    case 'wrong_key':
    case 'too_large':
    case 'quota':
    case 'malformed':
      return { code, message };
    default:
      return { code: 'unreachable', message: `${code}: ${message}` };
  }
}

function settle(node: NodeState, id: number, now: number): void {
  const write = writesOf(node).get(id);
  if (!write) return;
  const outcome = quorumOutcome(write.quorum, now);
  if (outcome.status === 'pending') return;
  writesOf(node).delete(id);
  if (outcome.status === 'acked') {
    write.answer({ kind: 'stored', key: write.key, acks: [...outcome.acks] });
    return;
  }
  if (outcome.code === 'rejected' && outcome.rejection) {
    write.answer({ kind: 'store_failed', key: write.key, code: outcome.rejection.code, message: outcome.rejection.message });
    return;
  }
  write.answer({ kind: 'store_failed', key: write.key, code: outcome.code === 'timeout' ? 'timeout' : 'unreachable', message: `${outcome.acks.length} of ${write.quorum.needed} copies persisted` });
}

/** Quorum deadlines (a backstop: every replica request has its own deadline). */
export function expireWrites(node: NodeState, now: number): void {
  const writes = peekWrites(node);
  if (writes.size === 0) return;
  for (const id of [...writes.keys()]) settle(node, id, now);
}

export function nextWriteDeadline(node: NodeState): number {
  let t = Infinity;
  for (const w of peekWrites(node).values()) t = Math.min(t, w.quorum.deadline);
  return t;
}
