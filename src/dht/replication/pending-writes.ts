// The primary's table of writes waiting for their quorum, keyed by the request id of the
// store_replicate fan-out. A data structure that returns decisions: feed it acks, nacks and
// `now`; it hands back the writes that settled, each once, for the node to answer its writer.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { QuorumNack, QuorumOutcome, QuorumState } from './quorum.ts';
import { createQuorum, quorumOutcome, recordAck, recordNack } from './quorum.ts';

/**
 * How long a primary waits for W acks: 5 s. A store_replicate is one link round trip (the core's
 * requestTimeoutMs is 2 s for one) plus one IndexedDB commit (~1 ms, bench:store); 5 s leaves room
 * for a busy disk. Beyond it the writer is told `timeout` and may retry (writes are idempotent).
 */
export const WRITE_TIMEOUT_MS = 5_000;

export interface PendingWrite<Origin> {
  rid: number;
  key: KeyId;
  /** Whatever the node needs to answer the writer (e.g. the route's lid and origin). */
  origin: Origin;
  quorum: QuorumState;
}

export interface SettledWrite<Origin> {
  rid: number;
  key: KeyId;
  origin: Origin;
  outcome: Exclude<QuorumOutcome, { status: 'pending' }>;
}

export interface PendingWrites<Origin> {
  /** Starts tracking; `replicas` includes the primary itself when it stored the record (ack it with `ack`). */
  start(rid: number, key: KeyId, origin: Origin, replicas: readonly NodeId[], w: number, now: number, timeoutMs?: number): void;
  /** A replica's store_ack; returns the write if this settled it. */
  ack(rid: number, from: NodeId, now: number): SettledWrite<Origin> | undefined;
  /** A replica's store_nack, or a send that failed (`unreachable`); returns the write if this settled it. */
  nack(rid: number, nack: QuorumNack, now: number): SettledWrite<Origin> | undefined;
  /** Writes whose deadline passed, settled as `timeout` (call from tick). */
  expire(now: number): SettledWrite<Origin>[];
  readonly size: number;
}

export function createPendingWrites<Origin>(): PendingWrites<Origin> {
  const table = new Map<number, PendingWrite<Origin>>();

  const settle = (write: PendingWrite<Origin>, now: number): SettledWrite<Origin> | undefined => {
    const outcome = quorumOutcome(write.quorum, now);
    if (outcome.status === 'pending') return undefined;
    table.delete(write.rid);
    return { rid: write.rid, key: write.key, origin: write.origin, outcome };
  };

  return {
    start(rid, key, origin, replicas, w, now, timeoutMs = WRITE_TIMEOUT_MS) {
      table.set(rid, { rid, key, origin, quorum: createQuorum(replicas, w, now + timeoutMs) });
    },
    ack(rid, from, now) {
      const write = table.get(rid);
      if (!write) return undefined; // late or duplicate ack: the write already settled
      write.quorum = recordAck(write.quorum, from);
      return settle(write, now);
    },
    nack(rid, nack, now) {
      const write = table.get(rid);
      if (!write) return undefined;
      write.quorum = recordNack(write.quorum, nack);
      return settle(write, now);
    },
    expire(now) {
      const out: SettledWrite<Origin>[] = [];
      for (const write of [...table.values()]) {
        const settled = settle(write, now);
        if (settled) out.push(settled);
      }
      return out;
    },
    get size() {
      return table.size;
    },
  };
}
