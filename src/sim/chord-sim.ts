// A deterministic simulation of many Chord nodes running the real core (src/dht) on the simulated
// network: seeded randomness, a virtual clock, messages through the real codec by default, and an
// oracle of live ids to check every lookup against (CONVENTIONS.md §6).
import type { ChordInit } from '../dht/config.ts';
import type { ChordEvent, Effect } from '../dht/effects.ts';
import { ChordNode } from '../dht/node.ts';
import { rankFingersOf } from '../dht/rank-fingers.ts';
import { createPrng, exponential, randomHex, type Prng } from '../dht/prng.ts';
import type { LinkDownReason } from '../ports/transport.ts';
import { decode, encode } from '../wire/codec.ts';
import { asNodeId, type NodeId, type RingId } from '../wire/ids.ts';
import type { Message } from '../wire/messages.ts';
import { EventQueue } from './event-queue.ts';
import { drawLatency, resolveNetwork, type NetworkConfig, type NetworkInit } from './network-model.ts';
import { RingOracle } from './oracle.ts';
import type { KeyId } from '../wire/ids.ts';
import type { StoredRecord } from '../wire/records.ts';
import type { RecordVerdict } from '../ports/record-store.ts';
import type { StoreInit } from '../dht/replicated-store/store-config.ts';
import type { StoreOpErrorCode } from '../dht/replicated-store/store-effects.ts';
import { createRecordTable, type RecordTable } from '../dht/records/record-table.ts';
import { createSimCrypto, type SimCrypto } from '../dht/records/sim-signer.ts';
import { verifyRecordSync } from '../dht/records/verify.ts';
import { resolveVirtualNodes, startPosition, virtualNodeIds } from '../dht/virtual-nodes.ts';

export interface ChordSimInit {
  /** Nodes built by build() — hosts, when virtualNodes > 1. */
  nodes: number;
  /**
   * Ring positions per host (src/dht/virtual-nodes.ts): each host runs this many ChordNodes at
   * the positions derived from its id; they join and crash together, and a host starts each
   * lookup from its position nearest before the key. @default 1
   */
  virtualNodes?: number;
  seed: number;
  /** Successor list length r (the ToN setting). @default 20 */
  successors?: number;
  /** Finger base. @default 10 */
  fingerBase?: number;
  /** Other core options (stabilize period and timeouts). */
  chord?: ChordInit;
  network?: NetworkInit;
  /** Encode and decode every message with the real codec. @default true */
  codec?: boolean;
  /**
   * 'join': every node joins through the protocol, one every joinIntervalMs, then the ring settles.
   * 'warm': static construction from the oracle (as the Chord paper's static experiments), then
   * maintenance runs normally. @default 'join'
   */
  build?: 'join' | 'warm';
  /** Gap between protocol joins (ms). @default 200 */
  joinIntervalMs?: number;
  /** Options of every node's replicated store (DESIGN.md §6). */
  store?: StoreInit;
  /** Virtual time (ms) a node's disk takes to persist a record (IndexedDB put). @default 2 */
  persistMs?: number;
}

/** How a put or get started with startPut/startGet ended. */
export type StoreOutcome =
  | { ok: true; record: StoredRecord | null; replicas: NodeId[]; latencyMs: number }
  | { ok: false; code: StoreOpErrorCode; message: string; latencyMs: number };

export interface LookupOutcome {
  from: NodeId;
  key: RingId;
  owner: NodeId | null;
  hops: number;
  timeouts: number;
  /** Messages this lookup caused (route hops, acks, replies). */
  messages: number;
  latencyMs: number;
  /**
   * The owner was the oracle's owner of the key when it answered — ToN's definition: a lookup
   * succeeds if it reaches the key's current successor. (A node that joins while the answer
   * travels back does not make a right answer wrong.)
   */
  correct: boolean;
}

type SimEvent =
  | { kind: 'deliver'; to: NodeId; from: NodeId; payload: Uint8Array | Message; bytes: number }
  | { kind: 'tick'; id: NodeId }
  | { kind: 'link_up'; id: NodeId; peer: NodeId; gen: number }
  | { kind: 'link_down'; id: NodeId; peer: NodeId; reason: LinkDownReason; gen: number }
  | { kind: 'call'; run: () => void };

interface SimNode {
  node: ChordNode;
  /** The host this ring position belongs to (its own id when the host has one position). */
  host: NodeId;
  alive: boolean;
  /** This node's "disk": the RecordStore the runtime would hold in IndexedDB, lost on a crash. */
  disk: RecordTable;
  /** Open links: one-way latency and a generation, so events of an older link to the same peer are ignored. */
  links: Map<NodeId, SimLink>;
  tickAt: number;
  partition: number;
}

interface SimLink {
  latency: number;
  gen: number;
}

interface PendingLookup {
  from: NodeId;
  key: RingId;
  messages: number;
  /** Owners that answered this lookup, and whether each was the oracle's owner as it answered. */
  answered: Map<NodeId, boolean> | null;
  resolve: (outcome: LookupOutcome) => void;
}

const FAR_FUTURE = Number.MAX_SAFE_INTEGER;

export class ChordSimulation {
  readonly init: ChordSimInit;
  readonly rng: Prng;
  readonly net: NetworkConfig;
  readonly queue = new EventQueue<SimEvent>();
  readonly oracle = new RingOracle();
  readonly nodes = new Map<NodeId, SimNode>();
  /** Host id → its ring positions (one each unless init.virtualNodes > 1). */
  readonly hosts = new Map<NodeId, NodeId[]>();
  readonly virtualNodes: number;
  readonly chordInit: ChordInit;
  /** Every event any node emitted, for tests and experiments that want more than lookups. */
  onEvent: ((id: NodeId, event: ChordEvent) => void) | null = null;
  /** Rejoin isolated nodes through a random live node, as the browser runtime does. */
  autoRejoin = true;
  readonly totals = { messages: 0, bytes: 0, maintenanceMessages: 0, maintenanceBytes: 0, dropped: 0, storeMessages: 0, storeBytes: 0 };
  readonly #pending = new Map<string, PendingLookup>();
  readonly #storeOps = new Map<string, (o: StoreOutcome) => void>();
  /** One signer registry for the whole simulation (the simulator's stand-in for Ed25519). */
  readonly crypto: SimCrypto = createSimCrypto();
  readonly #useCodec: boolean;
  #linkGen = 0;

  constructor(init: ChordSimInit) {
    this.init = init;
    this.rng = createPrng(init.seed);
    this.net = resolveNetwork(init.network);
    this.#useCodec = init.codec ?? true;
    this.chordInit = { successors: init.successors ?? 20, fingerBase: init.fingerBase ?? 10, ...init.chord };
    this.virtualNodes = resolveVirtualNodes(init);
  }

  get now(): number {
    return this.queue.now;
  }

  liveIds(): NodeId[] {
    return [...this.oracle.ids()];
  }

  oracleOwner(key: RingId): NodeId {
    return this.oracle.owner(key);
  }

  node(id: NodeId): ChordNode | undefined {
    return this.nodes.get(id)?.node;
  }

  randomId(): NodeId {
    return asNodeId(randomHex(this.rng, 40));
  }

  randomLiveId(): NodeId {
    const ids = this.oracle.ids();
    return ids[this.rng.int(ids.length)] as NodeId;
  }

  // ---------------------------------------------------------------- building

  /** Builds init.nodes nodes, by protocol joins or warm start, and lets the ring settle. */
  build(): void {
    if ((this.init.build ?? 'join') === 'warm') {
      this.warmStart(this.init.nodes);
      this.runFor(1000);
      return;
    }
    const first = this.addNode();
    this.oracle.add(first);
    this.#apply(first, this.#sim(first).node.create(this.now));
    for (const position of (this.hosts.get(first) ?? []).slice(1)) this.#apply(position, this.#sim(position).node.join(first, this.now));
    const interval = this.init.joinIntervalMs ?? 200;
    for (let i = 1; i < this.init.nodes; i++) {
      this.runFor(interval);
      this.joinNode();
    }
    this.settle();
  }

  /** Runs long enough for stabilization and a finger sweep everywhere. */
  settle(): void {
    const c = this.nodes.values().next().value?.node.config;
    const stabilize = c?.stabilizeMs ?? 30_000;
    const fingers = c?.fixFingersMs ?? 120_000;
    this.runFor(Math.max(6 * stabilize, 1.6 * fingers));
  }

  /**
   * A new node, not yet a member: the oracle counts it once it has joined (found its successor)
   * and its successor has taken it as predecessor — the moment the successor hands it the keys
   * of its range. Until then the successor answers for them (and holds their records), so that is
   * the right answer for a lookup (see #onEvent).
   */
  addNode(id: NodeId = this.randomId()): NodeId {
    for (const position of virtualNodeIds(id, this.virtualNodes)) this.#addPosition(position, id);
    return id;
  }

  #addPosition(id: NodeId, host: NodeId): void {
    const node = this.#newNode(id);
    this.nodes.set(id, { node, host, alive: true, disk: createRecordTable(this.init.store?.quotaBytes), links: new Map(), tickAt: FAR_FUTURE, partition: 0 });
    const positions = this.hosts.get(host);
    if (positions) positions.push(id);
    else this.hosts.set(host, [id]);
  }

  /** The host a ring position belongs to. */
  hostOf(id: NodeId): NodeId {
    return this.#sim(id).host;
  }

  /** Live ring positions of a host. */
  positionsOf(host: NodeId): NodeId[] {
    return (this.hosts.get(host) ?? []).filter((id) => this.nodes.get(id)?.alive);
  }

  /** Hosts with at least one live position. */
  liveHosts(): NodeId[] {
    const out: NodeId[] = [];
    for (const [host, positions] of this.hosts) if (positions.some((id) => this.nodes.get(id)?.alive)) out.push(host);
    return out;
  }

  #newNode(id: NodeId): ChordNode {
    const node = new ChordNode(id, this.chordInit, { rng: this.rng.fork() });
    if (this.init.store) node.configureStore(this.init.store);
    return node;
  }

  /** A new node (a host: each of its positions) starts a ring of its own (rings that form apart, for the merge tests). */
  createRing(id?: NodeId): NodeId {
    return this.#startHost(this.addNode(id), null);
  }

  /**
   * `count` rings of `size` nodes that know nothing of each other (tabs that started apart), each
   * built by protocol joins through its own first node 300 ms apart, then left 30 s to settle.
   * Returns each ring's members, its first node first.
   */
  createApartRings(count: number, size: number): NodeId[][] {
    const rings: NodeId[][] = [];
    for (let r = 0; r < count; r++) {
      const first = this.createRing();
      const members = [first];
      for (let i = 1; i < size; i++) {
        this.runFor(300);
        members.push(this.joinNode(undefined, first));
      }
      rings.push(members);
    }
    this.runFor(30_000);
    return rings;
  }

  /** `at` meets `peer` outside the ring, as tabs meet in the bootstrap room (ring-merge.ts). */
  introduce(at: NodeId, peer: NodeId): void {
    const sim = this.#sim(at);
    if (sim.alive) this.#apply(at, sim.node.introduce(peer, this.now));
  }

  /** A new node (a host: each of its positions) joins through `via`, or through a random live member of the ring. */
  joinNode(id?: NodeId, via?: NodeId): NodeId {
    const bootstrap = via ?? this.#randomJoinedPeer();
    return this.#startHost(this.addNode(id), bootstrap);
  }

  /** Starts every position of host `id`: joining through `bootstrap`, or creating a ring when it is null (the later positions join the first). */
  #startHost(id: NodeId, bootstrap: NodeId | null): NodeId {
    let via = bootstrap;
    for (const position of this.hosts.get(id) ?? []) {
      if (via === null) {
        this.oracle.add(position);
        this.#apply(position, this.#sim(position).node.create(this.now));
        via = position;
      } else this.#apply(position, this.#sim(position).node.join(via, this.now));
    }
    return id;
  }

  #randomJoinedPeer(exclude?: NodeId): NodeId | null {
    const ids = this.oracle.ids();
    for (let attempt = 0; attempt < 50 && ids.length > 0; attempt++) {
      const id = ids[this.rng.int(ids.length)] as NodeId;
      const s = this.nodes.get(id);
      if (id !== exclude && s?.alive && s.node.joined) return id;
    }
    return null;
  }

  /** Static construction of a converged ring of n nodes (DESIGN.md §9 scale; Chord paper's static setup). */
  warmStart(n: number): void {
    const ids: NodeId[] = [];
    for (let i = 0; i < n; i++) {
      const host = this.randomId();
      for (const position of virtualNodeIds(host, this.virtualNodes)) {
        this.#addPosition(position, host);
        ids.push(position);
      }
    }
    this.oracle.addAll(ids);
    const sorted = this.oracle.ids();
    const r = this.chordInit.successors ?? 20;
    for (let i = 0; i < sorted.length; i++) {
      const id = sorted[i] as NodeId;
      const sim = this.#sim(id);
      const successors: NodeId[] = [];
      for (let k = 1; k <= Math.min(r, sorted.length - 1); k++) successors.push(sorted[(i + k) % sorted.length] as NodeId);
      const predecessor = sorted.length > 1 ? (sorted[(i - 1 + sorted.length) % sorted.length] as NodeId) : null;
      const fingers =
        this.chordInit.fingersBy === 'rank'
          ? rankFingersOf(sorted, i, successors.length)
          : sim.node.activeFingerStarts(successors).map((start) => {
              const owner = this.oracle.owner(start);
              return owner === id ? undefined : owner;
            });
      const peers = new Set<NodeId>([...successors, ...fingers.filter((f): f is NodeId => f !== undefined)]);
      if (predecessor) peers.add(predecessor);
      for (const peer of peers) this.#linkInstantly(id, peer);
      this.#apply(id, sim.node.adoptState({ predecessor, successors, fingers }, this.now));
    }
  }

  #linkInstantly(a: NodeId, b: NodeId): void {
    const sa = this.#sim(a);
    const sb = this.#sim(b);
    if (sa.links.has(b)) return;
    const link = { latency: drawLatency(this.net, this.rng), gen: ++this.#linkGen };
    sa.links.set(b, link);
    sb.links.set(a, link);
    this.#apply(a, sa.node.onLinkUp(b, this.now));
    this.#apply(b, sb.node.onLinkUp(a, this.now));
  }

  // ---------------------------------------------------------------- failures

  /** Silent crash: no goodbye; peers notice by timeouts, or after crashDetectMs via their links. */
  crash(ids: readonly NodeId[]): void {
    for (const id of ids) {
      const sim = this.nodes.get(id);
      if (!sim?.alive) continue;
      sim.alive = false;
      this.oracle.remove(id);
      for (const [peer, link] of sim.links) {
        if (Number.isFinite(this.net.crashDetectMs)) {
          this.queue.push(this.now + this.net.crashDetectMs, { kind: 'link_down', id: peer, peer: id, reason: 'failed', gen: link.gen });
        }
      }
      sim.links.clear();
    }
  }

  /** A host crashes silently: all its ring positions at once. */
  crashHost(host: NodeId): void {
    this.crash(this.hosts.get(host) ?? []);
  }

  /** Graceful leave: the node hands its neighbours to each other, then goes. */
  leave(id: NodeId): void {
    const sim = this.nodes.get(id);
    if (!sim?.alive) return;
    this.#apply(id, sim.node.leave(this.now));
    sim.alive = false;
    this.oracle.remove(id);
  }

  /** Puts each listed node in partition group `group`; messages and links across groups fail. */
  partition(groups: Map<NodeId, number>): void {
    for (const [id, sim] of this.nodes) {
      sim.partition = groups.get(id) ?? 0;
    }
    for (const [id, sim] of this.nodes) {
      if (!sim.alive) continue;
      for (const [peer, link] of sim.links) {
        const other = this.nodes.get(peer);
        if (other && other.partition !== sim.partition) {
          this.queue.push(this.now + this.net.crashDetectMs, { kind: 'link_down', id, peer, reason: 'failed', gen: link.gen });
        }
      }
    }
  }

  heal(): void {
    for (const sim of this.nodes.values()) sim.partition = 0;
  }

  // ---------------------------------------------------------------- lookups

  /** Starts a lookup now; the outcome arrives through `resolve` when its answer does. */
  startLookup(from: NodeId, key: RingId, resolve: (o: LookupOutcome) => void): void {
    const sim = this.#sim(from);
    const { lid, effects } = sim.node.lookup(key, this.now);
    this.#pending.set(`${from}:${lid}`, { from, key, messages: 0, answered: null, resolve });
    this.#apply(from, effects);
  }

  /** Starts a lookup at the host's position nearest before the key (src/dht/virtual-nodes.ts). */
  startHostLookup(host: NodeId, key: RingId, resolve: (o: LookupOutcome) => void): void {
    this.startLookup(startPosition(this.positionsOf(host), key), key, resolve);
  }

  /** Runs the lookups one after another `spacingMs` apart (default: all at once) and waits for all. */
  runLookups(requests: readonly { from: NodeId; key: RingId }[], spacingMs = 0): LookupOutcome[] {
    const outcomes: LookupOutcome[] = new Array<LookupOutcome>(requests.length);
    let done = 0;
    requests.forEach((req, i) => {
      const start = (): void =>
        this.startLookup(req.from, req.key, (o) => {
          outcomes[i] = o;
          done++;
        });
      if (spacingMs === 0) start();
      else this.queue.push(this.now + i * spacingMs, { kind: 'call', run: start });
    });
    const deadline = this.now + requests.length * spacingMs + 60_000;
    while (done < requests.length && this.queue.size > 0 && this.queue.peekTime() <= deadline) this.step();
    return outcomes;
  }

  /** Schedules `run` at now + delayMs in virtual time. */
  at(delayMs: number, run: () => void): void {
    this.queue.push(this.now + delayMs, { kind: 'call', run });
  }

  runFor(ms: number): void {
    this.runUntil(this.now + ms);
  }

  runUntil(time: number): void {
    while (this.queue.size > 0 && this.queue.peekTime() <= time) this.step();
    // Idle time passes too.
    this.queue.advanceTo(time);
  }

  step(): void {
    const event = this.queue.pop();
    if (!event) return;
    switch (event.kind) {
      case 'call':
        event.run();
        return;
      case 'tick': {
        const sim = this.nodes.get(event.id);
        if (!sim?.alive || sim.tickAt !== this.now) return;
        sim.tickAt = FAR_FUTURE;
        this.#apply(event.id, sim.node.tick(this.now));
        return;
      }
      case 'link_up': {
        const sim = this.nodes.get(event.id);
        if (!sim?.alive || sim.links.get(event.peer)?.gen !== event.gen) return;
        this.#apply(event.id, sim.node.onLinkUp(event.peer, this.now));
        return;
      }
      case 'link_down': {
        const sim = this.nodes.get(event.id);
        if (!sim?.alive) return;
        const link = sim.links.get(event.peer);
        if (link !== undefined && link.gen !== event.gen) return; // an older link's news
        sim.links.delete(event.peer);
        this.#apply(event.id, sim.node.onLinkDown(event.peer, event.reason, this.now));
        return;
      }
      case 'deliver':
        this.#deliver(event.to, event.from, event.payload);
        return;
    }
  }

  #deliver(to: NodeId, from: NodeId, payload: Uint8Array | Message): void {
    const sim = this.nodes.get(to);
    if (!sim?.alive || !sim.links.has(from)) return;
    let message: Message;
    if (payload instanceof Uint8Array) {
      try {
        message = decode(payload);
      } catch (error) {
        this.totals.dropped++;
        this.#apply(to, sim.node.dropped(from, 'wire', String(error), this.now));
        return;
      }
    } else {
      message = payload;
    }
    this.#apply(to, sim.node.receive(from, message, this.now));
  }

  // ---------------------------------------------------------------- store

  /** Starts a put at `from`; `resolve` gets the writer's outcome (acknowledged or a typed error). */
  startPut(from: NodeId, key: KeyId, record: StoredRecord, resolve: (o: StoreOutcome) => void): void {
    const sim = this.#sim(from);
    const { opId, effects } = sim.node.put(key, record, this.now);
    this.#storeOps.set(`${from}:${opId}`, resolve);
    this.#apply(from, effects);
  }

  startGet(from: NodeId, key: KeyId, resolve: (o: StoreOutcome) => void): void {
    const sim = this.#sim(from);
    const { opId, effects } = sim.node.get(key, this.now);
    this.#storeOps.set(`${from}:${opId}`, resolve);
    this.#apply(from, effects);
  }

  /** Asks the primary of `key` for a watch lease from `from`; watch_done and record_changed arrive as events (onEvent). */
  startWatch(from: NodeId, key: KeyId, ttlMs: number): number {
    const { opId, effects } = this.#sim(from).node.watch(key, ttlMs, this.now);
    this.#apply(from, effects);
    return opId;
  }

  /** Runs until `resolve` was called or `timeoutMs` of virtual time passed. */
  runUntilDone(isDone: () => boolean, timeoutMs = 60_000): void {
    const deadline = this.now + timeoutMs;
    while (!isDone() && this.queue.size > 0 && this.queue.peekTime() <= deadline) this.step();
  }

  /** Live nodes whose disk holds `key` (what survives if the working copies were lost). */
  holders(key: KeyId): NodeId[] {
    const out: NodeId[] = [];
    for (const [id, sim] of this.nodes) if (sim.alive && sim.disk.get(key) !== undefined) out.push(id);
    return out;
  }

  /** The record on `id`'s disk, if any. */
  diskRecord(id: NodeId, key: KeyId): StoredRecord | undefined {
    return this.nodes.get(id)?.disk.get(key);
  }

  #verify(record: StoredRecord): RecordVerdict {
    return verifyRecordSync(record, this.crypto);
  }

  // ---------------------------------------------------------------- effects

  #sim(id: NodeId): SimNode {
    const sim = this.nodes.get(id);
    if (!sim) throw new Error(`unknown node ${id}`);
    return sim;
  }

  #apply(id: NodeId, effects: Effect[]): void {
    const sim = this.#sim(id);
    for (const effect of effects) {
      switch (effect.type) {
        case 'send':
          this.#send(id, sim, effect.to, effect.message);
          break;
        case 'connect':
          this.#connect(id, sim, effect.peer);
          break;
        case 'disconnect':
          this.#disconnect(id, sim, effect.peer);
          break;
        case 'event':
          this.#onEvent(id, effect.event);
          break;
        case 'store_verify': {
          const { opId, record } = effect;
          this.at(0, () => {
            if (sim.alive) this.#apply(id, sim.node.verified(opId, this.#verify(record), this.now));
          });
          break;
        }
        case 'store_persist': {
          const { opId, keyId, record, verdict } = effect;
          this.at(this.init.persistMs ?? 2, () => {
            if (sim.alive) this.#apply(id, sim.node.persisted(opId, sim.disk.put(keyId, record, verdict), this.now));
          });
          break;
        }
      }
    }
    if (!sim.alive) return;
    const wake = sim.node.nextWakeAt();
    if (wake < sim.tickAt) {
      sim.tickAt = Math.max(wake, this.now);
      this.queue.push(sim.tickAt, { kind: 'tick', id });
    }
  }

  #send(from: NodeId, sim: SimNode, to: NodeId, message: Message): void {
    const link = sim.links.get(to);
    if (link === undefined || !sim.alive) return;
    const payload = this.#useCodec ? encode(message) : message;
    const bytes = payload instanceof Uint8Array ? payload.byteLength : 0;
    this.totals.messages++;
    this.totals.bytes += bytes;
    // User traffic: the routed messages of lookups and store operations started by the experiment.
    let user = false;
    if (message.type === 'route' || message.type === 'route_ack' || message.type === 'route_reply') {
      const key = `${message.origin}:${message.lid}`;
      const pending = this.#pending.get(key);
      if (pending) {
        user = true;
        pending.messages++;
        if (message.type === 'route_reply' && message.payload.kind === 'found' && message.payload.owner === from) {
          (pending.answered ??= new Map()).set(from, this.oracle.size > 0 && from === this.oracle.owner(pending.key));
        }
      } else user = this.#storeOps.has(key);
    }
    if (message.type.startsWith('store_')) {
      // Replica traffic (replication, repair, anti-entropy) is counted apart, so the Chord
      // maintenance figures stay comparable with the papers'.
      this.totals.storeMessages++;
      this.totals.storeBytes += bytes;
    } else if (!user) {
      this.totals.maintenanceMessages++;
      this.totals.maintenanceBytes += bytes;
    }
    const target = this.nodes.get(to);
    if (!target?.alive || target.partition !== sim.partition) return;
    if (this.net.lossRate > 0 && this.rng.next() < this.net.lossRate) return;
    this.queue.push(this.now + link.latency, { kind: 'deliver', to, from, payload, bytes });
  }

  #connect(from: NodeId, sim: SimNode, peer: NodeId): void {
    const existing = sim.links.get(peer);
    if (existing) {
      this.queue.push(this.now, { kind: 'link_up', id: from, peer, gen: existing.gen });
      return;
    }
    const target = this.nodes.get(peer);
    if (!target?.alive || target.partition !== sim.partition) {
      this.queue.push(this.now + this.net.connectRefusedMs, { kind: 'link_down', id: from, peer, reason: 'refused', gen: -1 });
      return;
    }
    // Signaling and the DTLS handshake take about two round trips.
    const link = { latency: drawLatency(this.net, this.rng), gen: ++this.#linkGen };
    sim.links.set(peer, link);
    target.links.set(from, link);
    this.queue.push(this.now + 4 * link.latency, { kind: 'link_up', id: from, peer, gen: link.gen });
    this.queue.push(this.now + 3 * link.latency, { kind: 'link_up', id: peer, peer: from, gen: link.gen });
  }

  #disconnect(from: NodeId, sim: SimNode, peer: NodeId): void {
    const link = sim.links.get(peer);
    if (link === undefined) return;
    sim.links.delete(peer);
    // The close travels like a message on the reliable, ordered channel (the transport's BYE):
    // what was sent before it still arrives, and the far end drops the link one latency later.
    // (Dropping both ends at once lost a fire-and-forget `introduce` sent just before the sender
    // let go of the link, and with it a whole ring merge: `npm run sim -- merge`, greeters.)
    if (this.nodes.get(peer)?.links.get(from) === link) {
      this.queue.push(this.now + link.latency, { kind: 'link_down', id: peer, peer: from, reason: 'closed', gen: link.gen });
    }
  }

  #onEvent(id: NodeId, event: ChordEvent): void {
    if (event.type === 'topology' && event.predecessor !== null && !this.oracle.has(event.predecessor) && this.nodes.get(id)?.alive) {
      // A ring member adopted a new predecessor: if that is a node that has just joined, the range
      // between them is its own from now on (addNode).
      const p = this.nodes.get(event.predecessor);
      if (p?.alive && p.node.joined) this.oracle.add(event.predecessor);
    }
    this.onEvent?.(id, event);
    if (event.type === 'put_done' || event.type === 'put_failed' || event.type === 'get_done' || event.type === 'get_failed') {
      const key = `${id}:${event.opId}`;
      const resolve = this.#storeOps.get(key);
      if (!resolve) return;
      this.#storeOps.delete(key);
      if (event.type === 'put_done') resolve({ ok: true, record: null, replicas: event.replicas, latencyMs: event.latencyMs });
      else if (event.type === 'get_done') resolve({ ok: true, record: event.record, replicas: event.replicas, latencyMs: event.latencyMs });
      else resolve({ ok: false, code: event.code, message: event.message, latencyMs: event.latencyMs });
      return;
    }
    if ((event.type === 'lookup_done' || event.type === 'lookup_failed') && event.purpose === 'user') {
      const key = `${id}:${event.lid}`;
      const pending = this.#pending.get(key);
      if (!pending) return;
      this.#pending.delete(key);
      const owner = event.type === 'lookup_done' ? event.owner : null;
      pending.resolve({
        from: pending.from,
        key: pending.key,
        owner,
        hops: event.type === 'lookup_done' ? event.hops : 0,
        timeouts: event.type === 'lookup_done' ? event.timeouts : 0,
        messages: pending.messages,
        latencyMs: event.latencyMs,
        // Answered at the origin itself (it owns the key), the answer is checked now, as it is given.
        correct: owner !== null && this.oracle.size > 0 && (pending.answered?.get(owner) ?? owner === this.oracle.owner(pending.key)),
      });
    } else if (event.type === 'isolated' && this.autoRejoin) {
      this.at(1000 + this.rng.int(1000), () => {
        const sim = this.nodes.get(id);
        const bootstrap = this.#randomJoinedPeer(id);
        if (sim?.alive && !sim.node.joined && bootstrap) this.#apply(id, sim.node.join(bootstrap, this.now));
      });
    }
  }

  // ---------------------------------------------------------------- statistics

  /** Distinct peers in each live node's routing state (the DESIGN.md §3 budget counts these). */
  linkCounts(): number[] {
    const out: number[] = [];
    for (const sim of this.nodes.values()) if (sim.alive) out.push(sim.node.routingLinkCount());
    return out;
  }

  /** Open links per live node, incoming ones included (what a browser pays in RTCPeerConnections). */
  openLinkCounts(): number[] {
    const out: number[] = [];
    for (const sim of this.nodes.values()) if (sim.alive) out.push(sim.links.size);
    return out;
  }

  /** Poisson churn helper: exponential gap with the given rate per second. */
  nextArrivalMs(ratePerSecond: number): number {
    return exponential(this.rng, 1000 / ratePerSecond);
  }
}

export function createChordSimulation(init: ChordSimInit): ChordSimulation {
  return new ChordSimulation(init);
}
