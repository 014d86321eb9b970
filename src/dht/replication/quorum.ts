// Write quorum tracking (DESIGN.md §6): a put is acknowledged once W replicas persisted it, fails
// as `rejected` once a replica's typed rejection leaves W out of reach, as `unreachable` when
// replicas are gone, and as `timeout` at its deadline. Immutable state in, new state out; the
// node keeps one per pending put and asks for the outcome with its `now`.
import type { NodeId } from '../../wire/ids.ts';
import type { RecordRejection } from '../../wire/records.ts';

export interface QuorumNack {
  node: NodeId;
  /** A replica's typed rejection, or `unreachable` when the node could not deliver to it. */
  error: RecordRejection | { code: 'unreachable'; message: string };
}

export interface QuorumState {
  readonly replicas: readonly NodeId[];
  /** Acks needed: min(W, replicas) so that a ring smaller than W can still accept writes. */
  readonly needed: number;
  /** Absolute time (ms, the caller's clock) after which a pending quorum times out. */
  readonly deadline: number;
  readonly acks: readonly NodeId[];
  readonly nacks: readonly QuorumNack[];
}

export type QuorumOutcome =
  | { status: 'pending' }
  | { status: 'acked'; acks: readonly NodeId[] }
  | { status: 'failed'; code: 'timeout' | 'rejected' | 'unreachable'; acks: readonly NodeId[]; nacks: readonly QuorumNack[]; rejection?: RecordRejection };

export function createQuorum(replicas: readonly NodeId[], w: number, deadline: number): QuorumState {
  const distinct = [...new Set(replicas)];
  return { replicas: distinct, needed: Math.max(1, Math.min(w, distinct.length)), deadline, acks: [], nacks: [] };
}

const answered = (state: QuorumState, node: NodeId): boolean => state.acks.includes(node) || state.nacks.some((n) => n.node === node);

/** A replica persisted the record. Answers from non-replicas and repeats are ignored. */
export function recordAck(state: QuorumState, node: NodeId): QuorumState {
  if (!state.replicas.includes(node) || answered(state, node)) return state;
  return { ...state, acks: [...state.acks, node] };
}

/** A replica refused the record or could not be reached. */
export function recordNack(state: QuorumState, nack: QuorumNack): QuorumState {
  if (!state.replicas.includes(nack.node) || answered(state, nack.node)) return state;
  return { ...state, nacks: [...state.nacks, nack] };
}

export function quorumOutcome(state: QuorumState, now: number): QuorumOutcome {
  const { acks, nacks } = state;
  if (acks.length >= state.needed) return { status: 'acked', acks };
  const outstanding = state.replicas.length - acks.length - nacks.length;
  if (acks.length + outstanding < state.needed) {
    const refused = nacks.find((n) => n.error.code !== 'unreachable');
    if (refused && refused.error.code !== 'unreachable') {
      return { status: 'failed', code: 'rejected', acks, nacks, rejection: refused.error };
    }
    return { status: 'failed', code: 'unreachable', acks, nacks };
  }
  if (now >= state.deadline) return { status: 'failed', code: 'timeout', acks, nacks };
  return { status: 'pending' };
}
