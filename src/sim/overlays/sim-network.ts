// The simulated network every overlay's lookups travel on: one virtual clock (EventQueue), a
// seeded per-message latency, and silent failures that a sender only notices by a per-hop timeout.
// Message and per-node load counters are what the experiments report.
import { EventQueue } from '../event-queue.ts';
import { createPrng, type Prng } from '../../dht/prng.ts';

/** Shortest one-way link latency (ms): a nearby peer. */
export const MIN_LATENCY_MS = 10;
/** Longest one-way link latency (ms): an intercontinental peer. */
export const MAX_LATENCY_MS = 150;
/** How long a sender waits for a reply before it treats the next hop as failed (ms): > 2 × max RTT. */
export const HOP_TIMEOUT_MS = 500;

export class SimNetwork {
  readonly queue = new EventQueue<() => void>();
  /** 1 for a live node, 0 for a silently failed one (by node index). */
  readonly alive: Uint8Array;
  /** Messages received per node index (query load). */
  readonly load: Uint32Array;
  /** Messages sent, including the ones that went to failed nodes. */
  messages = 0;
  /** Sends that ended in a timeout. */
  timeouts = 0;
  readonly #rng: Prng;

  constructor(nodes: number, seed: number) {
    this.alive = new Uint8Array(nodes).fill(1);
    this.load = new Uint32Array(nodes);
    this.#rng = createPrng(seed ^ 0x5eed);
  }

  get now(): number {
    return this.queue.now;
  }

  latency(): number {
    return MIN_LATENCY_MS + this.#rng.int(MAX_LATENCY_MS - MIN_LATENCY_MS + 1);
  }

  /** Sends one message to `to`: `onDeliver` runs at arrival, or `onTimeout` at the sender if `to` is dead. */
  send(to: number, onDeliver: () => void, onTimeout: () => void): void {
    this.messages++;
    if (this.alive[to] === 1) {
      this.load[to] = (this.load[to] ?? 0) + 1;
      this.queue.push(this.now + this.latency(), onDeliver);
    } else {
      this.timeouts++;
      this.queue.push(this.now + HOP_TIMEOUT_MS, onTimeout);
    }
  }

  /** Schedules local work (no message) after `delayMs`. */
  after(delayMs: number, fn: () => void): void {
    this.queue.push(this.now + delayMs, fn);
  }

  /** Processes events until none is left (one lookup runs to completion). */
  run(): void {
    for (let ev = this.queue.pop(); ev !== undefined; ev = this.queue.pop()) ev();
  }

  fail(indexes: ArrayLike<number>): void {
    for (let i = 0; i < indexes.length; i++) this.alive[indexes[i] ?? 0] = 0;
  }

  resetLoad(): void {
    this.load.fill(0);
  }
}
