// A few ChordNodes wired by hand, for routing tests that need an exact, hand-made topology (the
// simulator builds correct rings; these tests need stale or half-adopted ones).
import { ChordNode } from '../../../src/dht/node.ts';
import type { ChordEvent, Effect } from '../../../src/dht/effects.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import type { Message } from '../../../src/wire/messages.ts';

/** An id that sorts by its hex prefix: id('2') < id('5') < id('c'). */
export const id = (prefix: string): NodeId => asNodeId(prefix.padEnd(40, '0'));

/**
 * A few ChordNodes wired by hand: messages go over links only; `connect` effects succeed at once,
 * fail for pairs in `unreachable`, and for pairs `needsSignaling` says yes to open only as a
 * WebRTC link does in a tab: an offer and an answer sent through the ring (sendSignal).
 */
export class TinyNet {
  readonly nodes = new Map<NodeId, ChordNode>();
  readonly events = new Map<NodeId, ChordEvent[]>();
  readonly links = new Set<string>();
  readonly queue: { from: NodeId; to: NodeId; message: Message }[] = [];
  now = 0;

  constructor(
    readonly unreachable: Set<string>,
    readonly needsSignaling: (a: NodeId, b: NodeId) => boolean = () => false,
  ) {}

  add(self: NodeId): ChordNode {
    const node = new ChordNode(self, { successors: 2 }, { rng: createPrng(self.charCodeAt(0)) });
    this.nodes.set(self, node);
    this.events.set(self, []);
    return node;
  }

  link(a: NodeId, b: NodeId): void {
    this.links.add([a, b].sort().join());
    this.apply(a, this.node(a).onLinkUp(b, this.now));
    this.apply(b, this.node(b).onLinkUp(a, this.now));
  }

  node(self: NodeId): ChordNode {
    const n = this.nodes.get(self);
    if (!n) throw new Error(`no node ${self}`);
    return n;
  }

  apply(self: NodeId, effects: Effect[]): void {
    for (const e of effects) {
      if (e.type === 'send') this.queue.push({ from: self, to: e.to, message: e.message });
      else if (e.type === 'event') {
        this.events.get(self)?.push(e.event);
        if (e.event.type === 'signal') this.onSignal(self, e.event.from, e.event.data);
      } else if (e.type === 'disconnect' && this.links.delete([self, e.peer].sort().join())) {
        this.apply(e.peer, this.node(e.peer).onLinkDown(self, 'closed', this.now));
      } else if (e.type === 'connect' && !this.links.has([self, e.peer].sort().join())) {
        if (this.unreachable.has([self, e.peer].sort().join())) this.apply(self, this.node(self).onLinkDown(e.peer, 'failed', this.now));
        else if (this.needsSignaling(self, e.peer)) this.apply(self, this.node(self).sendSignal(e.peer, 'offer', this.now));
        else this.link(self, e.peer);
      }
    }
  }

  /** The two halves of a signaled connect: an offer is answered, an answer opens the link. */
  private onSignal(self: NodeId, from: NodeId, data: string): void {
    if (data === 'offer') this.apply(self, this.node(self).sendSignal(from, 'answer', this.now));
    else if (data === 'answer' && !this.links.has([self, from].sort().join())) this.link(self, from);
  }

  /** Advances time in steps, ticking every node and delivering every message in between. */
  runFor(ms: number, stepMs = 100): void {
    for (let t = 0; t < ms; t += stepMs) {
      this.now += stepMs;
      for (const [self, node] of this.nodes) this.apply(self, node.tick(this.now));
      this.run();
    }
  }

  run(): void {
    for (let steps = 0; this.queue.length > 0 && steps < 10_000; steps++) {
      const { from, to, message } = this.queue.shift() as { from: NodeId; to: NodeId; message: Message };
      if (this.links.has([from, to].sort().join())) this.apply(to, this.node(to).receive(from, message, this.now));
    }
  }
}
