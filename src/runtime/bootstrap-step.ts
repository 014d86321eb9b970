// Which way into a ring (DESIGN.md §5), decided from what the bootstrap room and the
// BroadcastChannel show: each peer there says whether it is on a ring and how big it thinks the
// ring is (0: still joining). Pure, so every case is a unit test; the runtime acts on the answer.
//
// Why peers say so: when many tabs start together they all sit in the room at once. Asked blindly,
// a newcomer would try to join through other newcomers (each try waits out a timeout) and back off
// for seconds; with the flag it joins through a member at once, and while there is none it waits
// for the lowest newcomer to start the one ring everybody joins (bench:mesh --timeline showed
// joins stuck for 10 s behind failed tries).
import type { NodeId } from '../wire/ids.ts';

/** A peer seen in the room or on the BroadcastChannel. */
export interface SeenPeer {
  id: NodeId;
  /** The ring size it estimates; 0 while it is on no ring. */
  ring: number;
}

export type BootstrapStep =
  /** Join through these members, in this order (largest ring first, then lowest id). */
  | { kind: 'join'; via: NodeId[] }
  /** Start a ring alone. */
  | { kind: 'create' }
  /** Look again after `ms`. */
  | { kind: 'wait'; ms: number; reason: 'relay' | 'listening' | 'lower-newcomer' };

export interface BootstrapView {
  self: NodeId;
  peers: readonly SeenPeer[];
  /** How long we have been able to hear the room (or the BroadcastChannel alone); null: not yet. */
  listenedMs: number | null;
  /** Listen this long before starting a ring alone: a ring's greeter may not have shown yet. */
  discoveryMs: number;
  /**
   * Waiting this long (ms) for a lower newcomer to start the ring is enough: past it, the lower
   * tab is stuck or cannot hear us, and we start a ring (rings that formed apart merge later).
   */
  lowerNewcomerPatienceMs: number;
}

/** How often a waiting tab looks again (ms): a member's flag arrives as a room message. */
export const BOOTSTRAP_POLL_MS = 100;

/** Members, largest ring first and then by id: a join through a bigger ring merges less later. */
export function membersToJoin(peers: readonly SeenPeer[], self: NodeId): NodeId[] {
  return peers
    .filter((p) => p.ring > 0 && p.id !== self)
    .sort((a, b) => b.ring - a.ring || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => p.id);
}

export function nextBootstrapStep(view: BootstrapView): BootstrapStep {
  const via = membersToJoin(view.peers, view.self);
  if (via.length > 0) return { kind: 'join', via };
  if (view.listenedMs === null) return { kind: 'wait', ms: BOOTSTRAP_POLL_MS, reason: 'relay' };
  const lowerNewcomer = view.peers.some((p) => p.id < view.self);
  if (lowerNewcomer && view.listenedMs < view.discoveryMs + view.lowerNewcomerPatienceMs) {
    return { kind: 'wait', ms: BOOTSTRAP_POLL_MS, reason: 'lower-newcomer' };
  }
  if (view.listenedMs < view.discoveryMs) return { kind: 'wait', ms: Math.min(BOOTSTRAP_POLL_MS, view.discoveryMs - view.listenedMs), reason: 'listening' };
  return { kind: 'create' };
}

/**
 * A ring of one that meets `peer` joins it when that makes one ring out of two: when the peer's
 * ring is bigger, or as big (one) and the peer's id is lower — so two rings of one never join each
 * other at the same time.
 */
export function ringOfOneShouldJoin(self: NodeId, peer: SeenPeer): boolean {
  if (peer.id === self || peer.ring === 0) return false;
  return peer.ring > 1 || peer.id < self;
}
