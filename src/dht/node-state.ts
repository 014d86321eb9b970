// The state of one ring position and the bookkeeping every handler shares: outgoing effects,
// links, direct requests with deadlines, and the routing table views. No I/O, no timers: time
// arrives as `now`, randomness from the injected Rng (DESIGN.md §1).
import type { Rng } from '../ports/rng.ts';
import type { NodeId, RingId } from '../wire/ids.ts';
import type { Message, RouteMessage } from '../wire/messages.ts';
import type { ChordConfig } from './config.ts';
import type { ChordEvent, Effect, LookupPurpose } from './effects.ts';
import { addToId, estimateSize, fingerOffsets, inHalfOpen } from './ring.ts';

export interface DirectRequest {
  peer: NodeId;
  deadline: number;
  sentAt: number;
  onReply(message: Message, now: number): void;
  onFail(now: number): void;
}

/** Reverse-path state a hop keeps for a routed message (DESIGN.md §3). */
export interface RouteEntry {
  message: RouteMessage;
  /** Previous hop, or null at the origin. */
  prev: NodeId | null;
  /** Next hop awaiting its acknowledgement, or null once acknowledged / delivered. */
  next: NodeId | null;
  /**
   * The acknowledged next hop the reply will come back through (reply-expecting routes only):
   * its link must stay open until the reply arrives, or the reply is lost in flight.
   */
  replyFrom: NodeId | null;
  tried: Set<NodeId>;
  ackDeadline: number;
  sentAt: number;
  /** We were asked as the owner and passed it to our predecessor: if that fails, we answer. */
  ownerFallback: boolean;
  /** The entry is dropped at this time (the reply never came). */
  expires: number;
}

export interface OriginLookup {
  target: RingId;
  purpose: LookupPurpose;
  startedAt: number;
  deadline: number;
  /** The owner found (null: the lookup failed), and the owner's successor list as it answered. */
  onDone?: (owner: NodeId | null, now: number, successors?: readonly NodeId[]) => void;
}

export interface Counters {
  sent: number;
  received: number;
  sentBytes: number;
  dropped: number;
  hopTimeouts: number;
  byType: Record<string, number>;
}

/**
 * A link the other side opened that no role of ours needs is closed once it has carried nothing
 * for this many finger periods (see closeIdleLinks): longer than the longest gap between two
 * finger sweeps (1.5 periods), so a peer's finger is never taken for idle.
 */
const IDLE_LINK_PERIODS = 2;

/** Links kept in reserve below 2·log2 N̂ + r, for the error of the size estimate N̂. */
const LINK_BUDGET_MARGIN = 3;

const offsetCache = new Map<number, bigint[]>();
function offsetsFor(base: number): bigint[] {
  let offsets = offsetCache.get(base);
  if (!offsets) {
    offsets = fingerOffsets(base);
    offsetCache.set(base, offsets);
  }
  return offsets;
}

/** A period jittered uniformly in [0.5, 1.5]× so that nodes do not tick in lockstep. */
export function jittered(node: NodeState, periodMs: number): number {
  return periodMs * (0.5 + node.rng.next());
}

function sameOrder(a: ReadonlySet<NodeId>, b: ReadonlySet<NodeId>): boolean {
  if (a.size !== b.size) return false;
  const bs = b.values();
  for (const x of a) if (bs.next().value !== x) return false;
  return true;
}

export class NodeState {
  readonly self: NodeId;
  readonly config: ChordConfig;
  readonly rng: Rng;

  out: Effect[] = [];
  predecessor: NodeId | null = null;
  successors: NodeId[] = [];
  /**
   * Farthest first. By id: fingers[i] is the owner of self + offsets[i], undefined until looked up.
   * By rank (rank-fingers.ts): the nodes 2^k places after us for the ranks beyond the successor
   * list, undefined where one failed.
   */
  fingers: (NodeId | undefined)[] = [];
  readonly fingerOffsets: bigint[];
  #fingerStarts: RingId[] = [];
  /** Distinct finger nodes, rebuilt when fingers change. */
  fingerSet = new Set<NodeId>();

  readonly links = new Set<NodeId>();
  /** When each linked peer last sent us anything (or its link came up): idle links are closed. */
  readonly lastHeard = new Map<NodeId, number>();
  /** Links we opened; only these we close (the other side closes the ones it opened). */
  readonly initiated = new Set<NodeId>();
  readonly connecting = new Map<NodeId, { deadline: number; outbox: Message[] }>();
  readonly requests = new Map<number, DirectRequest>();
  readonly routes = new Map<string, RouteEntry>();
  readonly lookups = new Map<number, OriginLookup>();
  /** Peers seen failing, with the time until which they are remembered (ring merging, stale lists). */
  readonly lost = new Map<NodeId, number>();
  /**
   * The way back to nodes that signalled us but may not be reachable by their id (joining, or not
   * yet adopted by the ring): node → a node linked to it, valid until `until` (a connect's span).
   */
  readonly viaHints = new Map<NodeId, { via: NodeId; until: number }>();
  /** Peers met outside our ring state and looked up to merge rings, until when (ring-merge.ts). */
  readonly introduced = new Map<NodeId, number>();
  /** Peers met outside our ring state that a lookup found on our ring, until when (ring-merge.ts). */
  readonly foundOnRing = new Map<NodeId, number>();
  /**
   * Peers met outside the ring that we keep a link to, until when: while two rings merge, signals
   * between them can only pass through the nodes that met (ring-merge.ts).
   */
  readonly bridges = new Map<NodeId, number>();
  /** Smoothed round-trip time per peer (ms), from acks and replies: timeouts adapt to slow links. */
  readonly rttMs = new Map<NodeId, number>();
  /**
   * Called when a peer is marked failed (routing reroutes what waited on it; the store may
   * re-replicate). Registered by the node, so failure handling imports no other module.
   */
  readonly peerFailedHooks: ((peer: NodeId, now: number) => void)[] = [];

  bootstrap: NodeId | null = null;
  joined = false;
  isolatedReported = false;
  nextRid: number;
  nextLid: number;
  lastTick = -1;
  /** Time of the call being processed (set on entry to every public method). */
  now = 0;
  nextStabilizeAt = Infinity;
  stabilizing = false;
  stabilizeRounds = 0;
  nextFingerSweepAt = Infinity;
  fingerSweepActive = false;
  topologyDirty = false;
  /**
   * Links may need opening or closing: set when links, failures or lost peers change (topology
   * changes set topologyDirty, which counts too). Reconciling after every message was the
   * simulator's hottest path; a link that finished routes and requests no longer need is closed
   * by the next tick at least one hop timeout after the previous sweep.
   */
  linksDirty = true;
  /** Ticks at or after this time close links that finished routes and requests no longer need. */
  nextLinkSweepAt = 0;
  readonly counters: Counters = { sent: 0, received: 0, sentBytes: 0, dropped: 0, hopTimeouts: 0, byType: {} };

  constructor(self: NodeId, config: ChordConfig, rng: Rng) {
    this.self = self;
    this.config = config;
    this.rng = rng;
    this.fingerOffsets = offsetsFor(config.fingerBase);
    this.nextRid = rng.int(0x7fffffff);
    this.nextLid = rng.int(0x7fffffff);
  }

  emit(event: ChordEvent): void {
    this.out.push({ type: 'event', event });
  }

  /** Sends over an open link, or opens one and queues the message until it is up. */
  sendTo(peer: NodeId, message: Message, now: number): void {
    if (peer === this.self) return;
    if (this.links.has(peer)) {
      this.out.push({ type: 'send', to: peer, message });
      this.counters.sent++;
      this.counters.byType[message.type] = (this.counters.byType[message.type] ?? 0) + 1;
      return;
    }
    const pending = this.connecting.get(peer);
    if (pending) {
      pending.outbox.push(message);
      return;
    }
    this.connecting.set(peer, { deadline: now + this.config.requestTimeoutMs, outbox: [message] });
    this.initiated.add(peer);
    this.out.push({ type: 'connect', peer });
  }

  observeRtt(peer: NodeId, sample: number): void {
    const old = this.rttMs.get(peer);
    this.rttMs.set(peer, old === undefined ? sample : 0.8 * old + 0.2 * sample);
  }

  /**
   * How long to wait for `peer` to answer: 3× its smoothed RTT but at least the configured floor;
   * twice the floor while we have no RTT sample (like TCP's conservative initial RTO, RFC 6298),
   * because suspecting a live but slow peer costs more than waiting a little longer once.
   */
  timeoutFor(peer: NodeId, floorMs: number): number {
    const rtt = this.rttMs.get(peer);
    return rtt === undefined ? 2 * floorMs : Math.max(floorMs, 3 * rtt);
  }

  /** Opens a link to `peer` unless one is open or opening. */
  ensureLink(peer: NodeId, now: number): void {
    if (peer === this.self || this.links.has(peer) || this.connecting.has(peer)) return;
    this.connecting.set(peer, { deadline: now + this.config.requestTimeoutMs, outbox: [] });
    this.initiated.add(peer);
    this.out.push({ type: 'connect', peer });
  }

  /** A direct request with a reply correlated by rid and a deadline. */
  request(peer: NodeId, build: (rid: number) => Message, now: number, handlers: Omit<DirectRequest, 'peer' | 'deadline' | 'sentAt'>): void {
    const rid = this.nextRid;
    this.nextRid = (this.nextRid + 1) >>> 0;
    // One timeout for opening the link (if needed) and one for the answer.
    const deadline = now + this.timeoutFor(peer, this.config.requestTimeoutMs) + (this.links.has(peer) ? 0 : this.config.requestTimeoutMs);
    this.requests.set(rid, { peer, deadline, sentAt: now, ...handlers });
    this.sendTo(peer, build(rid), now);
  }

  newLid(): number {
    const lid = this.nextLid;
    this.nextLid = (this.nextLid + 1) >>> 0;
    return lid;
  }

  isLive(peer: NodeId): boolean {
    return this.links.has(peer);
  }

  /** Finger start i, computed on first use (bigint work is kept off the hot path). */
  fingerStart(i: number): RingId {
    for (let k = this.#fingerStarts.length; k <= i; k++) {
      this.#fingerStarts.push(addToId(this.self, this.fingerOffsets[k] ?? 0n));
    }
    return this.#fingerStarts[i] ?? this.self;
  }

  /**
   * Number of finger slots that matter: starts beyond the last successor (nearer ones are
   * answered by the successor list itself). Offsets are farthest first, so these are a prefix.
   */
  activeFingerCount(): number {
    if (this.config.fingersBy === 'rank') return this.fingers.length;
    const last = this.successors[this.successors.length - 1];
    if (last === undefined) return 0;
    let i = 0;
    while (i < this.fingerOffsets.length && !inHalfOpen(this.fingerStart(i), this.self, last)) i++;
    return i;
  }

  /**
   * The nodes 1, 2, 4, 8, … places after us, nearest first, as far as we know them without a gap:
   * the successor list's entries at those ranks, then the fingers by rank (empty when fingers are
   * chosen by id). What a node asks of another to find its own next finger by rank.
   */
  rankFingers(): NodeId[] {
    if (this.config.fingersBy !== 'rank') return [];
    const out: NodeId[] = [];
    for (let rank = 1; rank <= this.successors.length; rank *= 2) out.push(this.successors[rank - 1] as NodeId);
    // A list shorter than r holds the whole ring: no farther rank exists.
    if (this.successors.length < this.config.successors) return out;
    for (let i = this.fingers.length - 1; i >= 0; i--) {
      const f = this.fingers[i];
      if (f === undefined) break;
      out.push(f);
    }
    return out;
  }

  /**
   * Distinct finger nodes, farthest first, within the link budget of DESIGN.md §3: predecessor +
   * successors + fingers ≤ 2·log2 N̂ + r, with N̂ estimated from the successor list. Over budget,
   * the nearest fingers go first: they save the fewest hops (the successor list covers near keys).
   */
  rebuildFingerSet(): void {
    const active = this.activeFingerCount();
    if (this.fingers.length > active) this.fingers.length = active;
    // N̂ from r successors can be off by a factor of two at the extremes of 10^4 nodes; three links
    // of margin keep even those in budget (measured: README.md, paths).
    const budget = Math.floor(2 * Math.log2(Math.max(2, estimateSize(this.self, this.successors))) + this.config.successors) - LINK_BUDGET_MARGIN;
    const room = Math.max(0, budget - 1 - this.successors.length);
    const successors = new Set(this.successors);
    const distinct = new Set<NodeId>();
    for (const f of this.fingers) {
      if (f === undefined || f === this.self || successors.has(f)) continue;
      if (!distinct.has(f) && distinct.size >= room) break;
      distinct.add(f);
    }
    if (!sameOrder(distinct, this.fingerSet)) {
      // Only a real change is news (links to open or close, a topology event for the UI): finger
      // refreshes mostly confirm what is there.
      this.fingerSet = distinct;
      this.topologyDirty = true;
    }
  }

  /** Live links usable for forwarding: successors and fingers. */
  routingCandidates(): NodeId[] {
    const out: NodeId[] = [];
    for (const s of this.successors) if (this.links.has(s)) out.push(s);
    for (const f of this.fingerSet) if (this.links.has(f)) out.push(f);
    // A joining node routes through its bootstrap link, even while that link is still opening.
    const b = this.bootstrap;
    if (out.length === 0 && b !== null && (this.links.has(b) || this.connecting.has(b))) out.push(b);
    return out;
  }

  /**
   * Peers this node wants links to: its own routing state (DESIGN.md §3 link budget). Cached:
   * the successor list and the finger set are replaced, never changed in place, so their identity
   * (with predecessor, joined and bootstrap) tells whether the cached set is still right.
   */
  wantedPeers(): ReadonlySet<NodeId> {
    const c = this.#wantedFor;
    if (c.successors === this.successors && c.fingers === this.fingerSet && c.predecessor === this.predecessor && c.joined === this.joined && c.bootstrap === this.bootstrap) {
      return c.wanted;
    }
    const wanted = new Set<NodeId>(this.successors);
    if (this.predecessor) wanted.add(this.predecessor);
    for (const f of this.fingerSet) wanted.add(f);
    if (!this.joined && this.bootstrap) wanted.add(this.bootstrap);
    this.#wantedFor = { successors: this.successors, fingers: this.fingerSet, predecessor: this.predecessor, joined: this.joined, bootstrap: this.bootstrap, wanted };
    return wanted;
  }

  #wantedFor: {
    successors: readonly NodeId[] | null;
    fingers: ReadonlySet<NodeId> | null;
    predecessor: NodeId | null;
    joined: boolean;
    bootstrap: NodeId | null;
    wanted: ReadonlySet<NodeId>;
  } = { successors: null, fingers: null, predecessor: null, joined: false, bootstrap: null, wanted: new Set() };

  /**
   * Closes links we opened that no role needs any more and no request is waiting on, and links the
   * other side opened that nothing has used for IDLE_LINK_PERIODS finger periods.
   */
  reconcileLinks(): void {
    this.linksDirty = false;
    const wanted = this.wantedPeers();
    for (const peer of wanted) {
      if (!this.links.has(peer) && !this.connecting.has(peer) && !this.lost.has(peer)) this.ensureLink(peer, this.now);
    }
    let busy: Set<NodeId> | null = null;
    for (const peer of this.initiated) {
      if (wanted.has(peer) || this.connecting.has(peer)) continue;
      busy ??= this.#busyPeers();
      if (!busy.has(peer)) {
        this.initiated.delete(peer);
        if (this.links.delete(peer)) this.out.push({ type: 'disconnect', peer });
      }
    }
    this.#closeIdleLinks(wanted);
  }

  /**
   * The opener of a link closes it (the other side may still need it), but in the browser links
   * turn up that neither side's core counts as opened, and then both sides hold an unneeded link
   * for ever (`bench:mesh` at 32 tabs: 2–4 such links at the busiest tab; where they come from is
   * not found yet). So a link the other side opened, that no role of ours needs, is closed after
   * it has carried nothing for IDLE_LINK_PERIODS finger periods. If the other side does need it,
   * it opens it again (onLinkDown 'closed'), and is then its opener. With fingers by rank, every
   * link a role of the other side needs carries traffic more often (stabilize, pings, and every
   * sweep asks every finger). Fingers by id are used only by lookups, so a quiet one would be
   * closed and reopened over and over: there, only the opener closes.
   */
  #closeIdleLinks(wanted: ReadonlySet<NodeId>): void {
    if (this.config.fingersBy !== 'rank') return;
    const idleSince = this.now - IDLE_LINK_PERIODS * this.config.fixFingersMs;
    let busy: Set<NodeId> | null = null;
    for (const [peer, heardAt] of this.lastHeard) {
      if (!this.links.has(peer)) {
        this.lastHeard.delete(peer);
        continue;
      }
      if (heardAt > idleSince || this.initiated.has(peer) || wanted.has(peer)) continue;
      busy ??= this.#busyPeers();
      if (busy.has(peer)) continue;
      this.lastHeard.delete(peer);
      this.links.delete(peer);
      this.out.push({ type: 'disconnect', peer });
    }
  }

  /** Peers a request or a route entry waits on. */
  #busyPeers(): Set<NodeId> {
    const busy = new Set<NodeId>();
    for (const r of this.requests.values()) busy.add(r.peer);
    // A route entry keeps the links its reply travels over: back to the previous hop, and from
    // the hop it was passed to (closing that one while the reply is in flight loses the reply).
    for (const e of this.routes.values()) {
      if (e.prev) busy.add(e.prev);
      if (e.next) busy.add(e.next);
      if (e.replyFrom) busy.add(e.replyFrom);
    }
    // Bridges to peers met outside the ring stay while two rings merge (ring-merge.ts).
    for (const [peer, until] of this.bridges) {
      if (until > this.now) busy.add(peer);
      else this.bridges.delete(peer);
    }
    return busy;
  }

  flushTopology(): void {
    if (!this.topologyDirty) return;
    this.topologyDirty = false;
    this.emit({ type: 'topology', predecessor: this.predecessor, successors: [...this.successors], fingers: [...this.fingerSet] });
  }
}
