// What the core asks its caller to do, and what it reports (CONVENTIONS.md §1, §13). The browser
// runtime and the simulator interpret the very same effects.
import type { KeyId, NodeId, RingId } from '../wire/ids.ts';
import type { FailureCode, Message } from '../wire/messages.ts';
import type { StoreEffect, StoreEvent } from './replicated-store/store-effects.ts';

/** Why a lookup was made: the UI shows user lookups; statistics separate maintenance. */
export type LookupPurpose = 'user' | 'join' | 'finger' | 'merge';

export type ChordEvent =
  | {
      type: 'lookup_done';
      lid: number;
      target: RingId;
      purpose: LookupPurpose;
      owner: NodeId;
      successors: NodeId[];
      hops: number;
      timeouts: number;
      path: NodeId[];
      latencyMs: number;
    }
  | { type: 'lookup_failed'; lid: number; target: RingId; purpose: LookupPurpose; code: FailureCode; latencyMs: number }
  /** We have a live successor: the ring took us in (the runtime may leave the bootstrap room). */
  | { type: 'joined'; successor: NodeId }
  /**
   * A join through `bootstrap` found no owner for our id (`no_owner`: the lookup failed), or the
   * ring routed our id to us (`owner_is_self`: a member still takes us for its successor).
   */
  | { type: 'join_failed'; bootstrap: NodeId; reason: 'no_owner' | 'owner_is_self' }
  /** No live successor and nobody to ask: the runtime must bootstrap again. */
  | { type: 'isolated' }
  /** Predecessor, successors or fingers changed (for the UI's ring picture). */
  | { type: 'topology'; predecessor: NodeId | null; successors: NodeId[]; fingers: NodeId[] }
  /** Signaling addressed to us arrived through the ring. */
  | { type: 'signal'; from: NodeId; data: string }
  | { type: 'signal_failed'; to: NodeId; code: FailureCode }
  /** A peer sent something we refused (malformed, wrong version, protocol violation): dropped and counted. */
  | { type: 'dropped'; from: NodeId; code: string; detail: string }
  /** The replicated store's results and changes (src/dht/replicated-store/store-effects.ts). */
  | StoreEvent;

export type Effect =
  | { type: 'send'; to: NodeId; message: Message }
  | { type: 'connect'; peer: NodeId }
  | { type: 'disconnect'; peer: NodeId }
  | { type: 'event'; event: ChordEvent }
  /** Verify and persist requests of the replicated store (src/dht/replicated-store/store-effects.ts). */
  | StoreEffect;

export type { KeyId };
