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
  /**
   * Start a ring alone: as the first of tabs heard starting together, after hearing nobody, or
   * after waiting in vain for the first (or a lower newcomer) to start one.
   */
  | { kind: 'create'; reason: 'first' | 'alone' | 'first-never-showed' | 'lower-never-started' }
  /** Look again after `ms`. */
  | { kind: 'wait'; ms: number; reason: 'relay' | 'listening' | 'lower-newcomer' | 'first-announcer' };

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
  /**
   * Tabs heard in the room since we joined it, before any connection to them
   * (net/room-announcers.ts): how many come before us in the room's order and how many after,
   * and for how long (ms) no tab new to us has been heard. null when unknown (no relay: the
   * BroadcastChannel alone).
   */
  announcers: { lower: number; higher: number; quietMs: number } | null;
  /**
   * The first of the tabs heard starts the ring once the room has been this quiet (ms) for as
   * long, before discoveryMs is over: tabs that start together are all heard within a second
   * or two, and a tab that comes later hears the earlier ones answer its announce at once.
   */
  roomQuietMs: number;
  /**
   * The others wait this long (ms, past discoveryMs) to see a member before they start a ring
   * anyway: long, because the first did start one, and a second ring costs a merge.
   */
  firstAnnouncerPatienceMs: number;
  /**
   * …and each tab this much longer (ms) for every tab heard before it past the first (up to
   * MAX_STAGGERED_RANKS of them), so that when the first never shows, the second starts a ring
   * and the rest join it rather than starting rings of their own all at once.
   */
  rankStaggerMs: number;
}

/**
 * Ranks past this one wait no longer than it does: a tab that can see no member at all (its
 * WebRTC broken, say) should not sit a minute alone because 30 tabs came before it.
 */
export const MAX_STAGGERED_RANKS = 8;

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
  const heard = view.announcers;
  if (heard !== null) {
    // The room told us who is starting with us, seconds before we could see them: the first of
    // us starts the ring once the room has been quiet for a while, or after the discovery wait
    // in any case, and the rest wait to see a member. (Ordered by trystero id, the only name an
    // announcement carries.) A ring's greeter may still show up after the first started a ring
    // of one; then that ring of one joins it (ringOfOneShouldJoin), which costs little.
    if (heard.lower > 0) {
      const patience = view.firstAnnouncerPatienceMs + Math.min(heard.lower - 1, MAX_STAGGERED_RANKS) * view.rankStaggerMs;
      if (view.listenedMs < view.discoveryMs + patience) return { kind: 'wait', ms: BOOTSTRAP_POLL_MS, reason: 'first-announcer' };
      return { kind: 'create', reason: 'first-never-showed' };
    }
    if (heard.higher > 0) {
      const quiet = heard.quietMs >= view.roomQuietMs && view.listenedMs >= view.roomQuietMs;
      if (!quiet && view.listenedMs < view.discoveryMs) return { kind: 'wait', ms: BOOTSTRAP_POLL_MS, reason: 'listening' };
      return { kind: 'create', reason: 'first' };
    }
  }
  // Nobody heard, or only the BroadcastChannel to listen to: the lowest node id we can see goes first.
  const lowerNewcomer = heard === null && view.peers.some((p) => p.id < view.self);
  if (lowerNewcomer) {
    if (view.listenedMs < view.discoveryMs + view.lowerNewcomerPatienceMs) return { kind: 'wait', ms: BOOTSTRAP_POLL_MS, reason: 'lower-newcomer' };
    return { kind: 'create', reason: 'lower-never-started' };
  }
  if (view.listenedMs < view.discoveryMs) return { kind: 'wait', ms: Math.min(BOOTSTRAP_POLL_MS, view.discoveryMs - view.listenedMs), reason: 'listening' };
  return { kind: 'create', reason: view.peers.length === 0 ? 'alone' : 'first' };
}

/** What a node on a ring knows of its own place, for ringOfOneShouldJoin. */
export interface OwnRing {
  self: NodeId;
  successors: readonly NodeId[];
  predecessor: NodeId | null;
}

/**
 * A ring of one that meets `peer` joins it when that makes one ring out of two: when the peer's
 * ring is bigger, or as big (one) and the peer's id is lower — so two rings of one never join each
 * other at the same time. A node with a predecessor is no ring of one, even before its first
 * stabilize adopts a successor: a newcomer has just joined through it, and that newcomer's ring
 * of two is this very ring (bench:mesh --timeline: the ring's first node left it to join its own
 * first joiner, and every join through it meanwhile failed with no route).
 */
export function ringOfOneShouldJoin(own: OwnRing, peer: SeenPeer): boolean {
  if (own.successors.length > 0 || own.predecessor !== null) return false;
  if (peer.id === own.self || peer.ring === 0) return false;
  return peer.ring > 1 || peer.id < own.self;
}
