// Merging rings that formed apart (DESIGN.md §4–5). Tabs that start together, or behind a relay
// outage, can each start a ring; a partition splits one. Zave's maintenance keeps each ring
// correct but never joins two of them: nobody on one ring knows anybody on the other. When a node
// meets a peer outside its own state (in the bootstrap room, for instance), it places that peer on
// its ring: the node just before the peer adopts it as successor once it answers as a ring member.
// That node then introduces its old successor to the peer's ring the same way, and so on: the two
// rings zip together one gap at a time, each step an ordinary verified adoption.
import type { NodeId } from '../wire/ids.ts';
import { setSuccessors, startLookup, successorListFrom } from './maintenance.ts';
import { rememberVia } from './routing.ts';
import type { NodeState } from './node-state.ts';
import { inOpen } from './ring.ts';

/** A peer is looked up again at most this often (ms): an introduction costs a lookup. */
const REINTRODUCE_AFTER_MS = 5_000;
/** Peers whose recent introduction is remembered; the oldest is forgotten first. */
const MAX_REMEMBERED = 256;
/**
 * A peer met again this soon (ms) after a lookup found it on our ring gets no bridge: the room
 * shows its greeters to each other every 2.5 s, and each meeting bridged them anew, 5 s after the
 * previous bridge was let go (bench:mesh: links a tab opened and kept without a role, at rest).
 */
const FOUND_ON_RING_MS = 30_000;

/** Whether `peer` is already part of this node's ring state (nothing to merge then). */
function knows(node: NodeState, peer: NodeId): boolean {
  return peer === node.self || peer === node.predecessor || node.successors.includes(peer) || node.fingerSet.has(peer);
}

/**
 * Links stay open to a peer met outside the ring for at most this long (ms), so the merge can
 * signal through; released earlier once the peer is found on our ring (releaseMergedBridges).
 */
const BRIDGE_MS = 60_000;
/** A bridge is first checked this long (ms) after it opened: a merge takes a few stabilize rounds. */
const BRIDGE_CHECK_AFTER_MS = 5_000;

/**
 * We met `peer` directly (the runtime saw it in the bootstrap room): if it is outside our ring
 * state, link to it — our link is the only path for signals between two rings that are apart —
 * and place it on our ring.
 */
export function meetPeer(node: NodeState, peer: NodeId, now: number): void {
  if (!node.joined || knows(node, peer) || (node.foundOnRing.get(peer) ?? 0) > now) return;
  node.bridges.set(peer, now + BRIDGE_MS);
  node.ensureLink(peer, now);
  placePeer(node, peer, now);
}

/**
 * `from` introduced `candidate` to us: `from` can reach it (it met it, or heard of it from a node
 * that did), so signals for `candidate` go by way of `from` while we try to adopt or pass it on.
 */
export function onIntroduced(node: NodeState, from: NodeId, candidate: NodeId, now: number): void {
  if (from !== candidate && !node.isLive(candidate)) rememberVia(node, candidate, from, now);
  placePeer(node, candidate, now);
}

/**
 * Places `peer` on this node's ring: adopts it if it lies between us and our successor, hands it
 * to our predecessor if it lies just before us, and otherwise looks up its place and introduces
 * it to the node found there.
 */
export function placePeer(node: NodeState, peer: NodeId, now: number): void {
  if (!node.joined || knows(node, peer)) return;
  const s = node.successors[0];
  if (s === undefined || inOpen(peer, node.self, s)) {
    adoptIfMember(node, peer, now);
    return;
  }
  const pred = node.predecessor;
  if (pred !== null && inOpen(peer, pred, node.self) && node.isLive(pred)) {
    node.sendTo(pred, { type: 'introduce', candidate: peer }, now);
    return;
  }
  const until = node.introduced.get(peer);
  if (until !== undefined && until > now) return;
  rememberUntil(node.introduced, peer, now + REINTRODUCE_AFTER_MS);
  startLookup(node, peer, 'merge', now, (owner, t) => {
    // The owner of the peer's id on our ring: if that is the peer, it is on our ring already.
    if (owner === peer) rememberUntil(node.foundOnRing, peer, t + FOUND_ON_RING_MS);
    if (owner === null || owner === peer) return;
    if (owner === node.self) placePeer(node, peer, t);
    else node.sendTo(owner, { type: 'introduce', candidate: peer }, t);
  });
}

/** Adopts `peer` as successor once it answers as a ring member and still lies closer than ours. */
function adoptIfMember(node: NodeState, peer: NodeId, now: number): void {
  node.request(peer, (rid) => ({ type: 'get_neighbors', rid }), now, {
    onReply: (reply, t) => {
      // A node with no successor is not on any ring yet (it joins the ordinary way).
      if (reply.type !== 'neighbors' || reply.successors.length === 0) return;
      const before = node.successors;
      const old = before[0];
      if (old !== undefined && !inOpen(peer, node.self, old)) return;
      node.lost.delete(peer);
      setSuccessors(node, successorListFrom(node, peer, reply.successors, t));
      node.sendTo(peer, { type: 'rectify' }, t);
      // The zipper: our old successors that are not on the peer's list were on another ring; the
      // peer places each on its ring, which moves the merge on by a gap per candidate. All of
      // them, not just the first: each starts a zipper of its own further along, so the gaps of
      // two long rings close in parallel instead of one after another.
      for (const o of before) {
        if (o !== peer && o !== node.self && !reply.successors.includes(o)) node.sendTo(peer, { type: 'introduce', candidate: o }, t);
      }
    },
    onFail: () => {},
  });
}

/**
 * Lets go of bridges whose peer is now on our ring (a lookup of its id on our ring ends at it):
 * the merge is done there, and a bridge that is not also a finger, successor or predecessor is a
 * link over the budget (bench:mesh counted 15 links per tab in a 16-tab ring while bridges lasted).
 * Runs with each stabilize round; a bridge still held after BRIDGE_MS goes anyway.
 */
export function releaseMergedBridges(node: NodeState, now: number): void {
  for (const [peer, until] of node.bridges) {
    if (now < until - BRIDGE_MS + BRIDGE_CHECK_AFTER_MS) continue;
    startLookup(node, peer, 'merge', now, (owner, t) => {
      if (owner !== peer) return;
      rememberUntil(node.foundOnRing, peer, t + FOUND_ON_RING_MS);
      if (node.bridges.delete(peer)) node.linksDirty = true;
    });
  }
}

/** Remembers `peer` until `until` in a map of at most MAX_REMEMBERED peers, forgetting the oldest first. */
function rememberUntil(memory: Map<NodeId, number>, peer: NodeId, until: number): void {
  memory.delete(peer); // re-insert: the map's order is the age order for the cap
  memory.set(peer, until);
  if (memory.size > MAX_REMEMBERED) {
    const oldest = memory.keys().next().value;
    if (oldest !== undefined) memory.delete(oldest);
  }
}
