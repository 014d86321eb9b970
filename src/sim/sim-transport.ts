// The simulated network behind the Transport port (src/ports/transport.ts), on a virtual clock:
// links with a log-normal one-way latency (network-model.ts), FIFO per link, refused connects to
// absent peers, and close on both ends. It passes the same contract suite as the WebRTC and
// BroadcastChannel transports (test/contract/transport-contract.ts), which is what keeps the
// simulator's idea of a link honest. ChordSimulation inlines the same model for 10^5-node speed.
import { createPrng, type Prng } from '../dht/prng.ts';
import type { LinkDownReason, Transport, TransportHandler } from '../ports/transport.ts';
import type { NodeId } from '../wire/ids.ts';
import { EventQueue } from './event-queue.ts';
import { drawLatency, resolveNetwork, type NetworkConfig, type NetworkInit } from './network-model.ts';

interface Link {
  latency: number;
  /** Both ends have been told the link is up. */
  up: boolean;
}

type Pending = { type: 'up'; peer: NodeId } | { type: 'down'; peer: NodeId; reason: LinkDownReason } | { type: 'frame'; peer: NodeId; frame: Uint8Array };

export class SimNetwork {
  readonly queue = new EventQueue<() => void>();
  readonly config: NetworkConfig;
  readonly #rng: Prng;
  readonly #nodes = new Map<NodeId, SimTransport>();

  constructor(seed: number, network: NetworkInit = {}) {
    this.config = resolveNetwork(network);
    this.#rng = createPrng(seed);
  }

  transport(id: NodeId): Transport {
    const t = new SimTransport(id, this);
    this.#nodes.set(id, t);
    return t;
  }

  /** Runs the virtual clock forward by `ms`. */
  runFor(ms: number): void {
    const until = this.queue.now + ms;
    while (this.queue.size > 0 && this.queue.peekTime() <= until) this.queue.pop()?.();
    this.queue.advanceTo(until);
  }

  at(delayMs: number, run: () => void): void {
    this.queue.push(this.queue.now + delayMs, run);
  }

  node(id: NodeId): SimTransport | undefined {
    const t = this.#nodes.get(id);
    return t && !t.closed ? t : undefined;
  }

  latency(): number {
    return drawLatency(this.config, this.#rng);
  }
}

export class SimTransport implements Transport {
  readonly self: NodeId;
  closed = false;
  readonly #net: SimNetwork;
  readonly #links = new Map<NodeId, Link>();
  #handler: TransportHandler | null = null;
  #pending: Pending[] = [];

  constructor(self: NodeId, net: SimNetwork) {
    this.self = self;
    this.#net = net;
  }

  setHandler(handler: TransportHandler): void {
    this.#handler = handler;
    for (const event of this.#pending.splice(0)) this.#emit(event);
  }

  connect(peer: NodeId): void {
    if (this.closed || peer === this.self || this.#links.has(peer)) return;
    const other = this.#net.node(peer);
    if (!other) {
      this.#net.at(this.#net.config.connectRefusedMs, () => this.#emit({ type: 'down', peer, reason: 'refused' }));
      return;
    }
    // One link object shared by both ends: a simultaneous connect from the other side finds it.
    const link: Link = { latency: this.#net.latency(), up: false };
    this.#links.set(peer, link);
    other.adopt(this.self, link);
    // Signaling and the handshake take about two round trips.
    this.#net.at(4 * link.latency, () => {
      if (this.#links.get(peer) !== link || other.linkTo(this.self) !== link) return;
      link.up = true;
      this.#emit({ type: 'up', peer });
      other.notifyUp(this.self);
    });
  }

  /** The other end's half of a new link. */
  adopt(peer: NodeId, link: Link): void {
    if (!this.#links.has(peer)) this.#links.set(peer, link);
  }

  linkTo(peer: NodeId): Link | undefined {
    return this.#links.get(peer);
  }

  notifyUp(peer: NodeId): void {
    this.#emit({ type: 'up', peer });
  }

  disconnect(peer: NodeId): void {
    const link = this.#links.get(peer);
    if (!link) return;
    this.#links.delete(peer);
    this.#emit({ type: 'down', peer, reason: 'closed' });
    const other = this.#net.node(peer);
    this.#net.at(link.latency, () => other?.dropLink(this.self, link));
  }

  /** The far end closed `link`. */
  dropLink(peer: NodeId, link: Link): void {
    if (this.#links.get(peer) !== link) return;
    this.#links.delete(peer);
    this.#emit({ type: 'down', peer, reason: 'closed' });
  }

  send(peer: NodeId, frame: Uint8Array): boolean {
    const link = this.#links.get(peer);
    if (this.closed || !link?.up) return false;
    const copy = frame.slice();
    this.#net.at(link.latency, () => this.#net.node(peer)?.deliver(this.self, link, copy));
    return true;
  }

  deliver(from: NodeId, link: Link, frame: Uint8Array): void {
    if (this.#links.get(from) === link) this.#emit({ type: 'frame', peer: from, frame });
  }

  links(): NodeId[] {
    return [...this.#links].filter(([, l]) => l.up).map(([p]) => p);
  }

  close(): void {
    if (this.closed) return;
    for (const peer of [...this.#links.keys()]) this.disconnect(peer);
    this.closed = true;
  }

  #emit(event: Pending): void {
    const h = this.#handler;
    if (!h) {
      this.#pending.push(event);
      return;
    }
    if (event.type === 'up') h.onLinkUp(event.peer);
    else if (event.type === 'down') h.onLinkDown(event.peer, event.reason);
    else h.onFrame(event.peer, event.frame);
  }
}
