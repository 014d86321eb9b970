// Ring maintenance after Zave, "How to Make Chord Correct" (IEEE TSE 2017), DESIGN.md §4:
// join copies the successor's list; stabilize skips dead successors and adopts only a live
// improved successor; rectify replaces notify. Fingers are an optimisation refreshed by lookups.
import type { NodeId, RingId } from '../wire/ids.ts';
import type { MessageOf } from '../wire/messages.ts';
import type { LookupPurpose } from './effects.ts';
import { isRecentlyLost, markFailed } from './failure.ts';
import { jittered, type NodeState } from './node-state.ts';
import { sweepRankFingersSoon } from './rank-fingers.ts';
import { inHalfOpen, inOpen } from './ring.ts';
import { originate } from './routing.ts';

/** Our successor list built from s and s's own list: cut at ourselves, no duplicates, at most r. */
export function successorListFrom(node: NodeState, first: NodeId, rest: readonly NodeId[], now: number): NodeId[] {
  const list: NodeId[] = [];
  for (const id of [first, ...rest]) {
    if (id === node.self) break;
    if (list.includes(id)) continue;
    if (id !== first && isRecentlyLost(node, id, now)) continue;
    list.push(id);
    if (list.length >= node.config.successors) break;
  }
  return list;
}

export function setSuccessors(node: NodeState, list: NodeId[]): void {
  if (list[0] !== node.successors[0] && list[0] !== undefined) {
    // Adaptive stabilization: while the successor moves, check again soon.
    node.nextStabilizeAt = Math.min(node.nextStabilizeAt, node.now + jittered(node, node.config.stabilizeFastMs));
  }
  const changed = list.length !== node.successors.length || list.some((s, i) => s !== node.successors[i]);
  const before = node.successors;
  node.successors = list;
  if (changed) {
    node.rebuildFingerSet();
    node.topologyDirty = true;
    if (before.length > 0) passOnNewSuccessor(node, before, list);
    // Nodes around us joined or left: every rank past them moved.
    sweepRankFingersSoon(node);
  }
  const first = list[0];
  if (first !== undefined && !node.joined) {
    node.joined = true;
    node.isolatedReported = false;
    node.emit({ type: 'joined', successor: first });
    node.nextFingerSweepAt = Math.min(node.nextFingerSweepAt, node.now);
  }
}

/**
 * A node new to our successor list (one that just joined ahead of us) belongs in our
 * predecessor's list too: hint it, so the news travels back r nodes in a few round trips instead
 * of one stabilize period (15–45 s) per node. Stale lists send a key's final hop past its new
 * owner (measured: wrong owners under churn). A node that only refills the tail of a full list
 * lies beyond the predecessor's list: no hint.
 */
function passOnNewSuccessor(node: NodeState, before: readonly NodeId[], list: readonly NodeId[]): void {
  const pred = node.predecessor;
  if (pred === null || !node.isLive(pred)) return;
  const known = new Set(before);
  const last = list.length >= node.config.successors ? list.length - 1 : list.length;
  for (let i = 0; i < last; i++) {
    const s = list[i] as NodeId;
    if (!known.has(s)) {
      node.sendTo(pred, { type: 'successor_hint', candidate: s }, node.now);
      return;
    }
  }
}

/** Starts a lookup of `target` at this node; `onDone` runs when the answer (or failure) arrives. */
export function startLookup(
  node: NodeState,
  target: RingId,
  purpose: LookupPurpose,
  now: number,
  onDone?: (owner: NodeId | null, now: number, successors?: readonly NodeId[]) => void,
): number {
  const lid = node.newLid();
  node.lookups.set(lid, { target, purpose, startedAt: now, deadline: now + node.config.lookupTimeoutMs, ...(onDone ? { onDone } : {}) });
  originate(node, lid, target, { kind: 'lookup' }, true, now);
  return lid;
}

/** Join through a bootstrap peer: find our successor, copy its list, rectify it. */
export function join(node: NodeState, bootstrap: NodeId, now: number): void {
  node.bootstrap = bootstrap;
  node.joined = false;
  node.ensureLink(bootstrap, now);
  startLookup(node, node.self, 'join', now, (owner, at) => {
    if (owner === null || owner === node.self) {
      // Stabilize retries through the same bootstrap; the runtime may pick another meanwhile.
      node.emit({ type: 'join_failed', bootstrap, reason: owner === null ? 'no_owner' : 'owner_is_self' });
      node.nextStabilizeAt = at + node.config.requestTimeoutMs;
      return;
    }
    node.request(owner, (rid) => ({ type: 'get_neighbors', rid }), at, {
      onReply: (reply, t) => {
        if (reply.type !== 'neighbors') return;
        setSuccessors(node, successorListFrom(node, owner, reply.successors, t));
        // Our successor's predecessor precedes us: take it as our predecessor until a closer one
        // rectifies us (Zave's rectify still decides). Left unknown, a new node would trust any
        // sender that calls it the owner, and answer for keys its predecessor owns.
        const p = reply.predecessor;
        if (node.predecessor === null && p !== null && p !== node.self && inOpen(node.self, p, owner) && !isRecentlyLost(node, p, t)) {
          node.predecessor = p;
          node.topologyDirty = true;
        }
        node.sendTo(owner, { type: 'rectify' }, t);
        node.nextStabilizeAt = t + jittered(node, node.config.stabilizeMs) / 4;
      },
      onFail: (t) => {
        node.nextStabilizeAt = t;
      },
    });
  });
}

/** One stabilize round with the first successor (Zave's stabilize). */
export function stabilize(node: NodeState, now: number): void {
  if (node.stabilizing) {
    // A round is still waiting for its answer: this one (asked early by a hint or a failure)
    // follows it instead of being dropped until the next period.
    node.nextStabilizeAt = now + node.config.hopTimeoutMs;
    return;
  }
  node.nextStabilizeAt = now + jittered(node, node.config.stabilizeMs);
  node.stabilizeRounds++;
  if (node.stabilizeRounds % 4 === 0) probeLostPeer(node, now);
  const s = node.successors[0];
  if (s === undefined) {
    // No successor left: a live predecessor closes a two-node ring; otherwise rejoin.
    if (node.predecessor !== null && node.isLive(node.predecessor)) setSuccessors(node, [node.predecessor]);
    else if (!node.joined && node.bootstrap !== null && node.lookups.size === 0) join(node, node.bootstrap, now);
    return;
  }
  node.stabilizing = true;
  node.request(s, (rid) => ({ type: 'get_neighbors', rid }), now, {
    onReply: (reply, t) => {
      node.stabilizing = false;
      if (reply.type !== 'neighbors' || node.successors[0] !== s) return;
      onSuccessorState(node, s, reply, t);
    },
    onFail: (t) => {
      node.stabilizing = false;
      // markFailed drops s and asks for the next round at once with the next successor.
      if (node.successors[0] === s) markFailed(node, s, t);
      node.nextStabilizeAt = t;
    },
  });
}

function onSuccessorState(node: NodeState, s: NodeId, reply: MessageOf<'neighbors'>, now: number): void {
  const p = reply.predecessor;
  if (p !== null && p !== node.self && inOpen(p, node.self, s)) {
    // A possibly better successor: adopt it only once it has answered (it is live) — even if we
    // suspected it earlier: s holds a link to it, and its answer is the proof we trust.
    node.request(p, (rid) => ({ type: 'get_neighbors', rid }), now, {
      onReply: (r2, t) => {
        if (r2.type !== 'neighbors') return;
        node.lost.delete(p);
        node.linksDirty = true;
        setSuccessors(node, successorListFrom(node, p, r2.successors, t));
        node.sendTo(p, { type: 'rectify' }, t);
      },
      onFail: (t) => {
        setSuccessors(node, successorListFrom(node, s, reply.successors, t));
        node.sendTo(s, { type: 'rectify' }, t);
      },
    });
    return;
  }
  setSuccessors(node, successorListFrom(node, s, reply.successors, now));
  node.sendTo(s, { type: 'rectify' }, now);
}

/** Zave's rectify: adopt q as predecessor if it is closer, or if the current one is dead. */
export function rectify(node: NodeState, q: NodeId, now: number): void {
  if (q === node.self) return;
  if (node.successors.length === 0) setSuccessors(node, [q]);
  const pred = node.predecessor;
  if (pred === q) return;
  if (pred === null || !node.isLive(pred) || inOpen(q, pred, node.self)) {
    node.predecessor = q;
    node.topologyDirty = true;
    // The old predecessor's successor should now be q: prompt it to stabilize at once.
    if (pred !== null && node.isLive(pred)) node.sendTo(pred, { type: 'successor_hint', candidate: q }, now);
    return;
  }
  // q is not closer: replace the predecessor only if it turns out to be dead.
  node.request(pred, (rid) => ({ type: 'ping', rid }), now, {
    onReply: () => {},
    onFail: (t) => {
      if (node.predecessor === pred) markFailed(node, pred, t);
      if (node.predecessor === null && node.isLive(q)) {
        node.predecessor = q;
        node.topologyDirty = true;
      }
    },
  });
}

/** A leaving neighbour hands us its neighbours. */
export function onLeave(node: NodeState, from: NodeId, message: MessageOf<'leave'>, now: number): void {
  if (node.predecessor === from) {
    node.predecessor = null;
    node.topologyDirty = true;
    if (message.predecessor !== null && message.predecessor !== node.self) {
      // Our new predecessor will rectify us; open the link now so it is ready.
      node.predecessor = message.predecessor;
      node.sendTo(message.predecessor, { type: 'ping', rid: node.nextRid }, now);
    }
  }
  const at = node.successors.indexOf(from);
  if (at >= 0) {
    // Splice the leaver's successors in where it stood; successorListFrom dedupes and cuts at us.
    const spliced = [...node.successors.slice(0, at), ...message.successors, ...node.successors.slice(at + 1)].filter((s) => s !== from);
    node.lost.set(from, now + node.config.lostPeerMemoryMs);
    const first = spliced[0];
    setSuccessors(node, first === undefined ? [] : successorListFrom(node, first, spliced.slice(1), now));
    node.nextStabilizeAt = now;
  }
  for (let i = 0; i < node.fingers.length; i++) if (node.fingers[i] === from) node.fingers[i] = undefined;
  node.rebuildFingerSet();
}

/**
 * Refreshes fingers nearest-first, one lookup at a time; a found owner also serves every farther
 * start it already covers, which saves most lookups at the low levels.
 */
export function fingerSweep(node: NodeState, now: number): void {
  node.nextFingerSweepAt = now + jittered(node, node.config.fixFingersMs);
  if (node.fingerSweepActive || !node.joined) return;
  node.fingerSweepActive = true;
  const active = node.activeFingerCount();
  if (node.fingers.length < active) node.fingers.length = active;
  const step = (i: number, t: number): void => {
    if (i < 0) {
      node.fingerSweepActive = false;
      node.rebuildFingerSet();
      return;
    }
    const start = node.fingerStart(i);
    startLookup(node, start, 'finger', t, (owner, t2, ownerSuccessors = []) => {
      if (i >= node.fingers.length) {
        step(Math.min(i, node.fingers.length) - 1, t2);
        return;
      }
      node.fingers[i] = owner === null || owner === node.self ? undefined : spreadFinger(node, i, owner, ownerSuccessors);
      let j = i - 1;
      if (owner !== null) {
        while (j >= 0 && inHalfOpen(node.fingerStart(j), start, owner)) node.fingers[j--] = owner;
      }
      node.rebuildFingerSet();
      step(j, t2);
    });
  };
  step(active - 1, now);
}

/** How many nodes, from the owner of a finger's start on, a finger may land on: the owner and the three successors it answers with (BROWSER_CHORD: r = 3). */
const FINGER_SPREAD = 4;

/**
 * The finger for slot i: the owner of its start or one of the owner's next successors still inside
 * the slot's interval (up to the next farther start). Any node of
 * the interval halves the distance to a key as well as the owner does; always the owner, though,
 * every node after a wide gap of the ring collects the fingers of everybody whose starts fall in
 * that gap, and a tab pays for every link it holds (`npm run sim -- tablinks`, N = 32: 20 links
 * at most against 11.9 on average; 16 at most with the spread, for as many hops).
 */
function spreadFinger(node: NodeState, i: number, owner: NodeId, ownerSuccessors: readonly NodeId[]): NodeId {
  const end = i === 0 ? node.self : node.fingerStart(i - 1);
  const start = node.fingerStart(i);
  const candidates = [owner];
  for (const s of ownerSuccessors) {
    if (candidates.length >= FINGER_SPREAD) break;
    if (s === node.self || candidates.includes(s) || !inHalfOpen(s, start, end) || s === end) break;
    candidates.push(s);
  }
  // Which one is fixed by our own id and the slot, not drawn anew: the same pick on every sweep
  // (a new one would close a link and open another for nothing), a different one from node to node.
  const digit = Number.parseInt(node.self.charAt((i * 7) % node.self.length), 16);
  return candidates[(Number.isNaN(digit) ? 0 : digit) % candidates.length] ?? owner;
}

/** Now and then, try one peer we lost: finding it alive again is how rings split by a partition merge. */
function probeLostPeer(node: NodeState, now: number): void {
  const candidates: NodeId[] = [];
  for (const [peer, until] of node.lost) {
    if (until <= now) node.lost.delete(peer);
    else candidates.push(peer);
  }
  if (candidates.length === 0) return;
  const peer = candidates[node.rng.int(candidates.length)] as NodeId;
  node.request(peer, (rid) => ({ type: 'get_neighbors', rid }), now, {
    onReply: (reply, t) => {
      node.lost.delete(peer);
      node.linksDirty = true;
      if (reply.type !== 'neighbors') return;
      const s = node.successors[0];
      if (s === undefined || inOpen(peer, node.self, s)) {
        setSuccessors(node, successorListFrom(node, peer, reply.successors, t));
        node.sendTo(peer, { type: 'rectify' }, t);
        return;
      }
      // Alive but not our closer successor: it may be on a ring a healed partition left apart.
      // It places us on its ring (ring-merge.ts), which zips the two rings together; if we are
      // on one ring already, its lookup of our id ends at us and nothing happens.
      node.sendTo(peer, { type: 'introduce', candidate: node.self }, t);
    },
    onFail: () => {},
  });
}

/** A successor hint: stabilize now if the candidate would be a closer successor (it is verified there). */
export function onSuccessorHint(node: NodeState, candidate: NodeId, now: number): void {
  const s = node.successors[0];
  const last = node.successors[node.successors.length - 1];
  if (candidate === node.self) return;
  if (s === undefined || inOpen(candidate, node.self, s)) {
    node.nextStabilizeAt = now;
  } else if (last !== undefined && inOpen(candidate, node.self, last) && !node.successors.includes(candidate) && !isRecentlyLost(node, candidate, now)) {
    // A node that belongs inside our list is missing from it: refresh the list from our successor
    // (which passes the news on to our predecessor in turn) — soon, not at once, so that several
    // hints about one change share a round.
    node.nextStabilizeAt = Math.min(node.nextStabilizeAt, now + node.config.hopTimeoutMs);
  }
}
