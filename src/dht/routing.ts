// Recursive routing over existing links (DESIGN.md §3): each hop forwards to the closest preceding
// live link, acknowledges to the previous hop, retries through the next-best link when the next
// hop stays silent, and the owner's answer returns along the reverse path.
import type { NodeId, RingId } from '../wire/ids.ts';
import { MAX_PATH, type FailureCode, type ReplyPayload, type RoutedPayload, type RouteMessage } from '../wire/messages.ts';
import type { NodeState, RouteEntry } from './node-state.ts';
import { inHalfOpen, inOpen } from './ring.ts';
import { isRecentlyLost, markFailed } from './failure.ts';
import { completeStoreAtOrigin, deliverStore } from './replicated-store/route-hooks.ts';

/** How many nodes' way back (see rememberWayBack) a node remembers; the oldest is forgotten first. */
const MAX_VIA_HINTS = 256;

const routeKey = (origin: NodeId, lid: number): string => `${origin}:${lid}`;

interface NextHop {
  peer: NodeId;
  final: boolean;
}

/** Whether this node owns `target`, given what the sender believed (`final`). */
function ownsTarget(node: NodeState, target: RingId, final: boolean): boolean {
  // Only ring members own keys: a node still joining (or not yet started) owns nothing, not even
  // its own id; its lookups go out through the bootstrap, others' fail with no_route here.
  if (!node.joined) return false;
  if (target === node.self) return true;
  if (node.successors.length === 0 && node.predecessor === null) return true;
  // The predecessor is cleared when it fails, so a known one is trusted even while its link is
  // briefly down (renegotiating): ownership must not flicker with link state.
  const pred = node.predecessor;
  if (pred !== null) return inHalfOpen(target, pred, node.self);
  // No predecessor: trust a sender that believed we are the owner.
  return final;
}

/**
 * The next hop toward `target`: the owner directly when the successor list covers the target
 * (the first live successor at or after it), otherwise the closest preceding live link.
 */
export function chooseNextHop(node: NodeState, target: RingId, tried: ReadonlySet<NodeId>, linkedOnly = false): NextHop | null {
  let from: RingId = node.self;
  for (let i = 0; i < node.successors.length; i++) {
    const s = node.successors[i] as NodeId;
    if (inHalfOpen(target, from, s)) {
      // The owner is s, or — if s failed — the next successor after it. A successor whose link is
      // still opening is the owner all the same: skipping it would hand the key to the next one,
      // which (with no predecessor known, after failures) trusts `final` and answers wrongly.
      // Dead successors leave the list (markFailed); one that fails to answer is in `tried`.
      for (let j = i; j < node.successors.length; j++) {
        const candidate = node.successors[j] as NodeId;
        // Signals are what opens links: one sent over a link still opening would wait for itself.
        if (!tried.has(candidate) && (!linkedOnly || node.isLive(candidate))) return { peer: candidate, final: true };
      }
      break;
    }
    from = s;
  }
  // The closest preceding live link: routingCandidates() without building its array (hot path).
  let best: NodeId | null = null;
  let linked = false;
  for (const s of node.successors) {
    if (!node.links.has(s)) continue;
    linked = true;
    if (!tried.has(s) && inOpen(s, node.self, target) && (best === null || inOpen(s, best, target))) best = s;
  }
  for (const f of node.fingerSet) {
    if (!node.links.has(f)) continue;
    linked = true;
    if (!tried.has(f) && inOpen(f, node.self, target) && (best === null || inOpen(f, best, target))) best = f;
  }
  if (!linked) {
    // Only a joining node's bootstrap link is left (routingCandidates adds it when nothing else is).
    for (const c of node.routingCandidates()) {
      if (tried.has(c) || !inOpen(c, node.self, target)) continue;
      if (best === null || inOpen(c, best, target)) best = c;
    }
  }
  if (best !== null) return { peer: best, final: false };
  if (target !== node.self && !node.joined) {
    // A joining node has only its bootstrap link: everything goes through it.
    for (const c of node.routingCandidates()) if (!tried.has(c)) return { peer: c, final: false };
  }
  return null;
}

/**
 * Starts route `lid` from this node (the origin) toward the owner of `target`. A node still
 * joining names its bootstrap as `via`, the ring member that can send answers back to it.
 */
export function originate(node: NodeState, lid: number, target: RingId, payload: RoutedPayload, reply: boolean, now: number): void {
  const message: RouteMessage = { type: 'route', lid, origin: node.self, target, hops: 0, timeouts: 0, path: [], final: false, reply, via: node.joined ? null : node.bootstrap, payload };
  processRoute(node, message, null, now);
}

/** Handles a routed message that arrived from `prev` (null at the origin). */
export function processRoute(node: NodeState, message: RouteMessage, prev: NodeId | null, now: number): void {
  const key = routeKey(message.origin, message.lid);
  if (prev !== null) node.sendTo(prev, { type: 'route_ack', lid: message.lid, origin: message.origin }, now);
  const existing = node.routes.get(key);
  if (existing) {
    // A route came back to a node that already forwarded it. As the owner's final hop (asked a
    // second time) we answer it; at the origin (whose predecessor died silently, so it did not
    // know it owns the target) we answer or keep routing from our entry, which remembers what
    // was tried. Anything else is a duplicate: the previous hop retried after a lost ack.
    if (message.final && prev !== null && existing.prev !== null && prev !== existing.prev) {
      existing.message = { ...existing.message, hops: message.hops, timeouts: message.timeouts, path: [...message.path, node.self].slice(-MAX_PATH) };
      existing.next = null;
      existing.ackDeadline = Infinity;
      deliver(node, existing, key, now);
      return;
    }
    if (message.origin === node.self && existing.prev === null && prev !== null) {
      existing.message = { ...existing.message, hops: message.hops, timeouts: message.timeouts, path: [...message.path, node.self].slice(-MAX_PATH) };
      existing.next = null;
      existing.ackDeadline = Infinity;
      existing.tried.add(prev);
      // Told it owns the target, the origin checks that against its own predecessor like any hop.
      routeOn(node, existing, key, message.final, now);
      return;
    }
    // Sent again by another hop (an earlier hop retried around a failed or slow one): the reply
    // goes to the newer asker, whose upstream now waits on it; the older path is broken or given up.
    if (prev !== null && existing.prev !== null && prev !== existing.prev && existing.message.reply) existing.prev = prev;
    return;
  }
  const here: RouteMessage = { ...message, path: [...message.path, node.self].slice(-MAX_PATH) };
  if (prev === null) here.path = [node.self];
  const entry: RouteEntry = {
    message: here,
    prev,
    next: null,
    replyFrom: null,
    tried: new Set(prev ? [prev] : []),
    ackDeadline: Infinity,
    sentAt: now,
    ownerFallback: false,
    expires: now + node.config.lookupTimeoutMs,
  };
  routeOn(node, entry, key, here.final && prev !== null, now);
}

/** Answer as the owner, hand a misdirected final hop to our predecessor, or forward. */
function routeOn(node: NodeState, entry: RouteEntry, key: string, final: boolean, now: number): void {
  if (ownsTarget(node, entry.message.target, final)) {
    deliver(node, entry, key, now);
    return;
  }
  if (final) {
    // The sender's successor list is stale: our predecessor is closer to the target (asked even
    // while the link to it is opening; if it turns out dead, we answer after all). Not so for a
    // signal: signals open links, and one queued behind a link still opening waits for itself.
    const pred = node.predecessor;
    const reachable = entry.message.payload.kind !== 'signal' || (pred !== null && node.isLive(pred));
    if (pred !== null && !entry.tried.has(pred) && reachable) {
      entry.ownerFallback = true;
      node.routes.set(key, entry);
      forwardTo(node, entry, key, { peer: pred, final: true }, now);
      return;
    }
    deliver(node, entry, key, now);
    return;
  }
  node.routes.set(key, entry);
  forward(node, entry, key, now);
}

function forward(node: NodeState, entry: RouteEntry, key: string, now: number): void {
  if (entry.message.hops >= MAX_PATH - 1) {
    fail(node, entry, key, 'hop_limit', now);
    return;
  }
  const target = entry.message.target;
  // A signal for a node we are linked to goes straight there: it may be on another ring (rings
  // merging), where routing by id would end at a node that does not know it. A watcher's change
  // notification, addressed to a node too, takes the same shortcut.
  const kind = entry.message.payload.kind;
  const signal = kind === 'signal';
  const linked = signal || kind === 'store_changed' ? linkedNode(node, target) : undefined;
  const next = linked !== undefined && !entry.tried.has(linked) ? { peer: linked, final: true } : chooseNextHop(node, target, entry.tried, signal);
  if (next === null) {
    fail(node, entry, key, 'no_route', now);
    return;
  }
  forwardTo(node, entry, key, next, now);
}

/** The linked node whose id is `target`, if any. */
function linkedNode(node: NodeState, target: RingId): NodeId | undefined {
  for (const peer of node.links) if (peer === target) return peer;
  return undefined;
}

function forwardTo(node: NodeState, entry: RouteEntry, key: string, next: NextHop, now: number): void {
  entry.tried.add(next.peer);
  entry.next = next.peer;
  entry.replyFrom = null;
  // A hop whose link is still opening gets the link-setup time on top of the hop timeout.
  entry.ackDeadline = now + node.timeoutFor(next.peer, node.config.hopTimeoutMs) + (node.links.has(next.peer) ? 0 : node.config.requestTimeoutMs);
  entry.sentAt = now;
  const outgoing: RouteMessage = { ...entry.message, hops: entry.message.hops + 1, final: next.final };
  node.sendTo(next.peer, outgoing, now);
}

/** The next hop acknowledged: keep the entry only if a reply will come back through us. */
export function onRouteAck(node: NodeState, from: NodeId, origin: NodeId, lid: number, now: number): void {
  const key = routeKey(origin, lid);
  const entry = node.routes.get(key);
  if (!entry || entry.next !== from) return;
  node.observeRtt(from, now - entry.sentAt);
  entry.next = null;
  entry.ackDeadline = Infinity;
  if (entry.message.reply) entry.replyFrom = from;
  else node.routes.delete(key);
}

/** A next hop missed its ack deadline: count a timeout, suspect it, try the next-best link. */
function retry(node: NodeState, entry: RouteEntry, key: string, now: number): void {
  const dead = entry.next;
  entry.next = null;
  entry.ackDeadline = Infinity;
  entry.message = { ...entry.message, timeouts: entry.message.timeouts + 1 };
  node.counters.hopTimeouts++;
  if (dead !== null) markFailed(node, dead, now);
  if (entry.ownerFallback) deliver(node, entry, key, now);
  else forward(node, entry, key, now);
}

function deliver(node: NodeState, entry: RouteEntry, key: string, now: number): void {
  const message = entry.message;
  const payload = message.payload;
  // Store payloads (DESIGN.md §6) answer later, once the write quorum or the replicas' reads are in.
  if (deliverStore(node, message, now, (answer) => reply(node, entry, key, answer, node.now))) {
    if (!message.reply) node.routes.delete(key); // a notification: no answer will clear the entry
    return;
  }
  if (payload.kind === 'lookup') {
    reply(node, entry, key, {
      kind: 'found',
      owner: node.self,
      successors: [...node.successors],
      hops: message.hops,
      timeouts: message.timeouts,
      path: message.path,
    }, now);
    return;
  }
  if (payload.kind !== 'signal') return; // store payloads were delivered above
  if (payload.to === node.self) rememberWayBack(node, message, now);
  if (payload.to === node.self) {
    node.emit({ type: 'signal', from: message.origin, data: payload.data });
  } else if (node.isLive(payload.to)) {
    node.sendTo(payload.to, { type: 'relay_signal', from: message.origin, data: payload.data }, now);
  } else if (signalTarget(node, payload.to, now) !== payload.to && message.target !== signalTarget(node, payload.to, now)) {
    // Not linked to the target, but we know who can reach it (rings merging): pass it on.
    entry.message = { ...message, target: signalTarget(node, payload.to, now), final: false };
    node.routes.set(key, entry);
    forward(node, entry, key, now);
    return;
  } else if (message.reply) {
    reply(node, entry, key, { kind: 'failed', code: 'unknown_node' }, now);
    return;
  }
  node.routes.delete(key);
}

/**
 * Our answer to a signal must reach its origin, which may not be reachable by its id: a node still
 * joining, or an appendage the ring has not adopted yet (the owner of its id does not know it).
 * The route's first hop got the signal straight from the origin, so it holds a link to it: answers
 * go there (or to the bootstrap a joining node named) and are relayed.
 */
function rememberWayBack(node: NodeState, message: RouteMessage, now: number): void {
  if (message.origin === node.self) return;
  const firstHop = message.path[0] === message.origin ? message.path[1] : undefined;
  const via = message.via ?? (firstHop !== node.self ? firstHop : undefined);
  if (via === undefined || via === message.origin) return;
  rememberVia(node, message.origin, via, now);
}

/** Signals for `target` go by way of `via` (linked to it, or closer to it) for a connect's span. */
export function rememberVia(node: NodeState, target: NodeId, via: NodeId, now: number): void {
  if (via === node.self || via === target) return;
  node.viaHints.delete(target); // re-insert: the map's order is the age order for the cap
  node.viaHints.set(target, { via, until: now + 2 * node.config.lookupTimeoutMs });
  if (node.viaHints.size > MAX_VIA_HINTS) {
    const oldest = node.viaHints.keys().next().value;
    if (oldest !== undefined) node.viaHints.delete(oldest);
  }
}

/** Where a signal for `to` is routed: to `to` itself, or to the live node we learnt links to it. */
export function signalTarget(node: NodeState, to: NodeId, now: number): RingId {
  const hint = node.viaHints.get(to);
  if (hint === undefined) return to;
  if (hint.until <= now || isRecentlyLost(node, hint.via, now)) {
    node.viaHints.delete(to);
    return to;
  }
  return hint.via;
}

function fail(node: NodeState, entry: RouteEntry, key: string, code: FailureCode, now: number): void {
  if (entry.message.reply || entry.prev === null) reply(node, entry, key, { kind: 'failed', code }, now);
  else node.routes.delete(key);
}

function reply(node: NodeState, entry: RouteEntry, key: string, payload: ReplyPayload, now: number): void {
  node.routes.delete(key);
  if (entry.prev === null) {
    completeAtOrigin(node, entry.message.lid, payload, now);
    return;
  }
  node.sendTo(entry.prev, { type: 'route_reply', lid: entry.message.lid, origin: entry.message.origin, payload }, now);
}

/** A reply travelling back: pass it to the previous hop, or finish the lookup at the origin. */
export function onRouteReply(node: NodeState, origin: NodeId, lid: number, payload: ReplyPayload, now: number): void {
  const key = routeKey(origin, lid);
  const entry = node.routes.get(key);
  if (!entry) return; // late: the entry expired
  reply(node, entry, key, payload, now);
}

function completeAtOrigin(node: NodeState, lid: number, payload: ReplyPayload, now: number): void {
  if (completeStoreAtOrigin(node, lid, payload, now)) return;
  const lookup = node.lookups.get(lid);
  if (!lookup) return;
  node.lookups.delete(lid);
  const latencyMs = now - lookup.startedAt;
  if (payload.kind === 'found') {
    node.emit({
      type: 'lookup_done',
      lid,
      target: lookup.target,
      purpose: lookup.purpose,
      owner: payload.owner,
      successors: payload.successors,
      hops: payload.hops,
      timeouts: payload.timeouts,
      path: payload.path,
      latencyMs,
    });
    lookup.onDone?.(payload.owner, now, payload.successors);
  } else if (payload.kind === 'failed') {
    node.emit({ type: 'lookup_failed', lid, target: lookup.target, purpose: lookup.purpose, code: payload.code, latencyMs });
    lookup.onDone?.(null, now);
  }
}

/** Deadlines of routed messages: hop acks (retry) and whole-route expiry. */
export function expireRoutes(node: NodeState, now: number): void {
  for (const [key, entry] of node.routes) {
    if (entry.expires <= now) {
      node.routes.delete(key);
      if (entry.prev === null) completeAtOrigin(node, entry.message.lid, { kind: 'failed', code: 'timeout' }, now);
    } else if (entry.ackDeadline <= now) {
      retry(node, entry, key, now);
    }
  }
  for (const [lid, lookup] of node.lookups) {
    if (lookup.deadline <= now) completeAtOrigin(node, lid, { kind: 'failed', code: 'timeout' }, now);
  }
}

/**
 * A peer failed: routes waiting on its ack retry at once instead of at the timeout, and routes
 * whose reply was to come back through it are sent again through the next-best link (the reply
 * died with it; without this the origin would wait for its whole lookup deadline).
 */
export function rerouteAround(node: NodeState, peer: NodeId, now: number): void {
  for (const [key, entry] of node.routes) {
    if (entry.next === peer) retry(node, entry, key, now);
    else if (entry.replyFrom === peer) {
      entry.replyFrom = null;
      if (entry.ownerFallback) deliver(node, entry, key, now);
      else forward(node, entry, key, now);
    }
  }
}

export function nextRouteDeadline(node: NodeState): number {
  let t = Infinity;
  for (const e of node.routes.values()) t = Math.min(t, e.ackDeadline, e.expires);
  for (const l of node.lookups.values()) t = Math.min(t, l.deadline);
  return t;
}
