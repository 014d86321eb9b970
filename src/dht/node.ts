// The sans-IO Chord node (DESIGN.md §1): receive(from, message, now), tick(now) and commands
// return Effect[]; results arrive as typed events among those effects. The browser runtime and the
// simulator drive this very class.
import type { LinkDownReason } from '../ports/transport.ts';
import type { Rng } from '../ports/rng.ts';
import type { KeyId, NodeId, RingId } from '../wire/ids.ts';
import type { Message } from '../wire/messages.ts';
import { resolveConfig, type ChordConfig, type ChordInit } from './config.ts';
import type { Effect } from './effects.ts';
import { markFailed } from './failure.ts';
import { handlers } from './handlers/index.ts';
import type { Handler } from './handlers/handler.ts';
import { fingerSweep, join, startLookup, stabilize } from './maintenance.ts';
import { rankFingerSweep } from './rank-fingers.ts';
import { jittered, NodeState, type Counters } from './node-state.ts';
import { estimateSize } from './ring.ts';
import { meetPeer, releaseMergedBridges } from './ring-merge.ts';
import { expireRoutes, nextRouteDeadline, originate, rerouteAround, signalTarget } from './routing.ts';
import type { KeyId as StoreKeyId } from '../wire/ids.ts';
import type { StoredRecord } from '../wire/records.ts';
import type { PutResult, RecordVerdict } from '../ports/record-store.ts';
import { antiEntropyRound } from './replicated-store/anti-entropy.ts';
import { onPersisted, onVerified } from './replicated-store/ingest.ts';
import { afterChange } from './replicated-store/membership.ts';
import { startGet, startPut, startWatch } from './replicated-store/origin.ts';
import { expireWrites, nextWriteDeadline } from './replicated-store/primary-write.ts';
import type { StoreInit } from './replicated-store/store-config.ts';
import { configureStore, peekStore, storeOf, trustedVerdict } from './replicated-store/store-state.ts';
import { notifyWatchers } from './replicated-store/watch-notify.ts';

export interface ChordNodeDeps {
  /** Jitter and per-node offsets; the simulator passes a seeded PRNG. */
  rng: Rng;
}

/** What the UI and the simulator's invariant checks read. */
export interface NodeSnapshot {
  self: NodeId;
  joined: boolean;
  predecessor: NodeId | null;
  successors: NodeId[];
  fingers: NodeId[];
  links: NodeId[];
  /** The links this node opened: only these it closes when no role needs them any more. */
  initiated: NodeId[];
  /** Peers met outside the ring whose links are held open while two rings merge (ring-merge.ts). */
  bridges: NodeId[];
  estimatedSize: number;
}

export class ChordNode {
  readonly #s: NodeState;

  constructor(self: NodeId, init: ChordInit, deps: ChordNodeDeps) {
    this.#s = new NodeState(self, resolveConfig(init), deps.rng);
    this.#s.peerFailedHooks.push((peer, now) => rerouteAround(this.#s, peer, now));
  }

  get self(): NodeId {
    return this.#s.self;
  }

  get config(): ChordConfig {
    return this.#s.config;
  }

  /** A ring member (has found its successor), without copying a snapshot. */
  get joined(): boolean {
    return this.#s.joined;
  }

  /** Starts a new ring with this node alone on it. */
  create(now: number): Effect[] {
    const s = this.#begin(now);
    s.joined = true;
    s.bootstrap = null;
    s.nextStabilizeAt = now + jittered(s, s.config.stabilizeMs);
    s.nextFingerSweepAt = now + jittered(s, s.config.fixFingersMs);
    return this.#finish();
  }

  /** Joins the ring that `bootstrap` belongs to (a link to it is opened if needed). */
  join(bootstrap: NodeId, now: number): Effect[] {
    const s = this.#begin(now);
    join(s, bootstrap, now);
    s.nextStabilizeAt = now + 2 * s.config.lookupTimeoutMs;
    s.nextFingerSweepAt = Infinity;
    return this.#finish();
  }

  // ------------------------------------------------------------ replicated store (DESIGN.md §6)

  /** Sets the store's options (replicas, quorum, quota, periods); call before storing anything. */
  configureStore(init: StoreInit): void {
    configureStore(this.#s, init);
  }

  /**
   * Writes `record` under `key` (its key id): routed to the key's primary, which answers once W of
   * R replicas persisted it. The result is a put_done or put_failed event with this opId.
   */
  put(key: StoreKeyId, record: StoredRecord, now: number): { opId: number; effects: Effect[] } {
    const s = this.#begin(now);
    const opId = startPut(s, key, record, now);
    return { opId, effects: this.#finish() };
  }

  /** Reads `key` from its primary (which joins its replicas' copies): a get_done or get_failed event. */
  get(key: StoreKeyId, now: number): { opId: number; effects: Effect[] } {
    const s = this.#begin(now);
    const opId = startGet(s, key, now);
    return { opId, effects: this.#finish() };
  }

  /**
   * Asks `key`'s primary to send this node a record_changed event whenever the record changes, for
   * `ttlMs` (renew before it runs out; 0 ends the lease). A watch_done or watch_failed event with
   * this opId answers. The lease lives at whichever node was primary then: renewals find a new one.
   */
  watch(key: StoreKeyId, ttlMs: number, now: number): { opId: number; effects: Effect[] } {
    const s = this.#begin(now);
    const opId = startWatch(s, key, ttlMs, now);
    return { opId, effects: this.#finish() };
  }

  /** The caller's answer to a store_verify effect. */
  verified(opId: number, verdict: RecordVerdict, now: number): Effect[] {
    const s = this.#begin(now);
    onVerified(s, opId, verdict, now);
    return this.#finish();
  }

  /** The caller's answer to a store_persist effect: the RecordStore's PutResult (an error rolls back). */
  persisted(opId: number, result: PutResult, now: number): Effect[] {
    const s = this.#begin(now);
    const changed = onPersisted(s, opId, result, now);
    if (changed) notifyWatchers(s, changed.key, changed.from, now);
    return this.#finish();
  }

  /** Restores records from this node's own disk at start-up (verified when first stored). */
  loadRecords(records: readonly { key: StoreKeyId; record: StoredRecord }[]): void {
    const table = storeOf(this.#s).table;
    for (const { key, record } of records) table.put(key, record, trustedVerdict(key));
  }

  /** This node's copy of `key` (no network). */
  localRecord(key: StoreKeyId): StoredRecord | undefined {
    return storeOf(this.#s).table.get(key);
  }

  /** Keys this node holds, with usage, the store's counters (refusals by code, repairs) and the watch leases it holds as a primary. */
  storeSnapshot(): { keys: StoreKeyId[]; records: number; bytes: number; counters: Readonly<Record<string, number>>; watchLeases: number } {
    const store = storeOf(this.#s);
    const usage = store.table.usage();
    let watchLeases = 0;
    for (const watchers of store.watches.values()) watchLeases += watchers.size;
    return { keys: store.table.keysInRange({ from: this.#s.self, to: this.#s.self }), records: usage.records, bytes: usage.bytes, counters: store.counters, watchLeases };
  }

  /**
   * A peer met outside the ring (in the bootstrap room, say): if our ring does not contain it,
   * it is placed on the ring, which merges two rings that formed apart (ring-merge.ts).
   */
  introduce(peer: NodeId, now: number): Effect[] {
    const s = this.#begin(now);
    meetPeer(s, peer, now);
    return this.#finish();
  }

  /** Looks up the owner of `target`; the answer is a lookup_done or lookup_failed event with this lid. */
  lookup(target: RingId | KeyId, now: number): { lid: number; effects: Effect[] } {
    const s = this.#begin(now);
    const lid = startLookup(s, target, 'user', now);
    return { lid, effects: this.#finish() };
  }

  /**
   * Sends WebRTC signaling to node `to` through the ring (DESIGN.md §5): directly when linked,
   * otherwise routed to `to` (or to the ring member that relays for it while it joins).
   */
  sendSignal(to: NodeId, data: string, now: number): Effect[] {
    const s = this.#begin(now);
    if (s.isLive(to)) {
      s.sendTo(to, { type: 'relay_signal', from: s.self, data }, now);
    } else {
      originate(s, s.newLid(), signalTarget(s, to, now), { kind: 'signal', to, data }, false, now);
    }
    return this.#finish();
  }

  /** A decoded message from a linked peer. */
  receive(from: NodeId, message: Message, now: number): Effect[] {
    const s = this.#begin(now);
    s.counters.received++;
    if (s.links.has(from)) s.lastHeard.set(from, now);
    if (s.lost.delete(from)) s.linksDirty = true; // whoever talks to us is alive
    (handlers[message.type] as Handler<typeof message.type>)(s, from, message, now);
    return this.#finish();
  }

  /** Input the transport or codec refused (malformed frame): dropped and counted, never thrown. */
  dropped(from: NodeId, code: string, detail: string, now: number): Effect[] {
    const s = this.#begin(now);
    s.counters.dropped++;
    s.emit({ type: 'dropped', from, code, detail });
    return this.#finish();
  }

  onLinkUp(peer: NodeId, now: number): Effect[] {
    const s = this.#begin(now);
    s.links.add(peer);
    s.lastHeard.set(peer, now);
    s.viaHints.delete(peer); // linked: signals go straight to it now
    s.linksDirty = true;
    const pending = s.connecting.get(peer);
    s.connecting.delete(peer);
    for (const message of pending?.outbox ?? []) s.sendTo(peer, message, now);
    return this.#finish();
  }

  onLinkDown(peer: NodeId, reason: LinkDownReason, now: number): Effect[] {
    const s = this.#begin(now);
    const known = s.links.has(peer) || s.connecting.has(peer);
    if (known) {
      s.linksDirty = true;
      if (reason === 'closed' && s.links.has(peer) && s.wantedPeers().has(peer)) {
        // Closed on purpose by the other side, yet we need it: reconnect, and fail it if that fails.
        s.links.delete(peer);
        s.initiated.delete(peer);
        s.request(peer, (rid) => ({ type: 'ping', rid }), now, { onReply: () => {}, onFail: (t) => markFailed(s, peer, t) });
      } else if (reason === 'closed') {
        s.links.delete(peer);
        s.initiated.delete(peer);
      } else {
        markFailed(s, peer, now);
      }
    }
    return this.#finish();
  }

  /** Drives every deadline and the periodic maintenance; call it at nextWakeAt() or sooner. */
  tick(now: number): Effect[] {
    const s = this.#begin(now);
    if (s.lastTick >= 0 && now - s.lastTick > s.config.wakeGapMs) {
      // A late tick means we slept (hidden tab, laptop lid): re-verify neighbours at once.
      s.nextStabilizeAt = now;
      s.nextFingerSweepAt = Math.min(s.nextFingerSweepAt, now + s.config.hopTimeoutMs);
    }
    s.lastTick = now;
    if (now >= s.nextLinkSweepAt) {
      // Close links that finished routes and requests no longer hold, at most every hop timeout.
      s.linksDirty = true;
      s.nextLinkSweepAt = now + s.config.hopTimeoutMs;
    }
    for (const [peer, c] of s.connecting) {
      if (c.deadline <= now) markFailed(s, peer, now);
    }
    for (const [rid, r] of s.requests) {
      if (r.deadline <= now) {
        s.requests.delete(rid);
        r.onFail(now);
      }
    }
    expireRoutes(s, now);
    if (now >= s.nextStabilizeAt) {
      stabilize(s, now);
      releaseMergedBridges(s, now);
    }
    if (now >= s.nextFingerSweepAt) (s.config.fingersBy === 'rank' ? rankFingerSweep : fingerSweep)(s, now);
    expireWrites(s, now);
    if (now >= (peekStore(s)?.nextAntiEntropyAt ?? Infinity)) antiEntropyRound(s, now);
    return this.#finish();
  }

  /** Graceful leave (pagehide): hand our neighbours to each other, then close every link. */
  leave(now: number): Effect[] {
    const s = this.#begin(now);
    const message: Message = { type: 'leave', predecessor: s.predecessor, successors: [...s.successors] };
    const first = s.successors[0];
    if (s.predecessor !== null && s.isLive(s.predecessor)) s.sendTo(s.predecessor, message, now);
    if (first !== undefined && first !== s.predecessor && s.isLive(first)) s.sendTo(first, message, now);
    for (const peer of s.links) s.out.push({ type: 'disconnect', peer });
    s.links.clear();
    s.initiated.clear();
    s.connecting.clear();
    s.successors = [];
    s.predecessor = null;
    s.fingers = [];
    s.rebuildFingerSet();
    s.joined = false;
    s.bootstrap = null;
    s.nextStabilizeAt = Infinity;
    s.nextFingerSweepAt = Infinity;
    s.requests.clear();
    s.routes.clear();
    s.lookups.clear();
    // Rounds that waited on a cleared request or lookup will never finish: a later join starts anew.
    s.stabilizing = false;
    s.fingerSweepActive = false;
    s.topologyDirty = false;
    return s.out.splice(0);
  }

  /**
   * Static construction for the simulator's warm start (as the Chord paper's static experiments):
   * neighbours and fingers taken from an oracle of all ids; links must be reported with onLinkUp.
   * Maintenance then runs exactly as after a protocol join.
   */
  adoptState(state: { predecessor: NodeId | null; successors: NodeId[]; fingers: (NodeId | undefined)[] }, now: number): Effect[] {
    const s = this.#begin(now);
    s.predecessor = state.predecessor;
    s.successors = state.successors.slice(0, s.config.successors);
    s.joined = s.successors.length > 0;
    s.fingers = s.config.fingersBy === 'rank' ? [...state.fingers] : state.fingers.slice(0, s.activeFingerCount());
    s.rebuildFingerSet();
    for (const peer of s.wantedPeers()) s.initiated.add(peer);
    s.nextStabilizeAt = now + s.rng.next() * s.config.stabilizeMs;
    s.nextFingerSweepAt = now + s.rng.next() * s.config.fixFingersMs;
    return this.#finish();
  }

  /** Finger starts beyond the successor list (what adoptState's fingers are indexed by). */
  activeFingerStarts(successors: NodeId[]): RingId[] {
    const s = this.#s;
    const saved = s.successors;
    s.successors = successors.slice(0, s.config.successors);
    const count = s.activeFingerCount();
    s.successors = saved;
    return Array.from({ length: count }, (_, i) => s.fingerStart(i));
  }

  /** The earliest time tick() has work to do. */
  nextWakeAt(): number {
    const s = this.#s;
    let t = Math.min(s.nextStabilizeAt, s.nextFingerSweepAt, nextRouteDeadline(s), nextWriteDeadline(s), peekStore(s)?.nextAntiEntropyAt ?? Infinity);
    for (const c of s.connecting.values()) t = Math.min(t, c.deadline);
    for (const r of s.requests.values()) t = Math.min(t, r.deadline);
    return t;
  }

  snapshot(): NodeSnapshot {
    const s = this.#s;
    return {
      self: s.self,
      joined: s.joined,
      predecessor: s.predecessor,
      successors: [...s.successors],
      fingers: [...s.fingerSet],
      links: [...s.links],
      initiated: [...s.initiated],
      bridges: [...s.bridges.keys()],
      estimatedSize: estimateSize(s.self, s.successors),
    };
  }

  /** Distinct peers in this node's own routing state (DESIGN.md §3 link budget). */
  routingLinkCount(): number {
    return this.#s.wantedPeers().size;
  }

  openLinkCount(): number {
    return this.#s.links.size;
  }

  counters(): Readonly<Counters> {
    return this.#s.counters;
  }

  #begin(now: number): NodeState {
    const s = this.#s;
    s.out = [];
    s.now = now;
    if (s.lastTick < 0) s.lastTick = now;
    return s;
  }

  #finish(): Effect[] {
    const s = this.#s;
    afterChange(s, s.now); // the store re-replicates when the neighbourhood changed
    if (s.linksDirty || s.topologyDirty) s.reconcileLinks();
    s.flushTopology();
    const out = s.out;
    s.out = [];
    return out;
  }
}
