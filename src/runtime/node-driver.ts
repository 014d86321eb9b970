// Drives one sans-IO ChordNode in a real environment: interprets its effects on a Transport
// through the wire codec, feeds transport events back, and schedules tick() with timers. Frames
// that fail to decode are dropped and counted, never thrown (CONVENTIONS.md §11). Effects the
// driver does not know (the store's) go to the onEffect hook.
import type { ChordEvent, Effect } from '../dht/effects.ts';
import type { ChordNode } from '../dht/node.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { silentLogger } from '../ports/logger.ts';
import type { SignalChannel } from '../ports/signaling.ts';
import type { Transport } from '../ports/transport.ts';
import { decode, encode, WireError } from '../wire/codec.ts';
import type { KeyId, NodeId, RingId } from '../wire/ids.ts';
import { chordpadError } from './errors.ts';

export interface NodeDriverInit {
  /**
   * Longest gap between ticks (ms) even when the node has nothing due: keeps wake-up detection
   * (a much later tick after sleep or tab freezing) working. @default 1000
   */
  maxTickIntervalMs?: number;
}

export interface NodeDriverDeps {
  node: ChordNode;
  transport: Transport;
  clock: Clock;
  logger?: Logger;
  /** Schedules `run` after `ms`; returns a cancel function. @default setTimeout */
  schedule?: (run: () => void, ms: number) => () => void;
  /** Effects other than send/connect/disconnect/event (the store's persistence); true if handled. */
  onEffect?: (effect: Effect) => boolean;
}

export interface LookupResult {
  owner: NodeId;
  hops: number;
  path: NodeId[];
  timeouts: number;
  latencyMs: number;
}

export interface DriverCounters {
  framesIn: number;
  framesOut: number;
  bytesOut: number;
  droppedFrames: number;
  unsentFrames: number;
}

const defaultSchedule = (run: () => void, ms: number): (() => void) => {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
};

export class NodeDriver {
  readonly node: ChordNode;
  readonly transport: Transport;
  readonly counters: DriverCounters = { framesIn: 0, framesOut: 0, bytesOut: 0, droppedFrames: 0, unsentFrames: 0 };
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #schedule: (run: () => void, ms: number) => () => void;
  readonly #onEffect: ((effect: Effect) => boolean) | undefined;
  readonly #maxTickMs: number;
  readonly #listeners = new Set<(event: ChordEvent) => void>();
  readonly #lookups = new Map<number, { resolve: (r: LookupResult) => void; reject: (e: Error) => void }>();
  #cancelTick: (() => void) | null = null;
  #tickAt = Infinity;
  #stopped = false;

  constructor(init: NodeDriverInit, deps: NodeDriverDeps) {
    this.node = deps.node;
    this.transport = deps.transport;
    this.#clock = deps.clock;
    this.#log = deps.logger ?? silentLogger;
    this.#schedule = deps.schedule ?? defaultSchedule;
    this.#onEffect = deps.onEffect;
    this.#maxTickMs = init.maxTickIntervalMs ?? 1000;
    this.transport.setHandler({
      onLinkUp: (peer) => this.#run((now) => this.node.onLinkUp(peer, now)),
      onLinkDown: (peer, reason) => this.#run((now) => this.node.onLinkDown(peer, reason, now)),
      onFrame: (peer, frame) => this.#onFrame(peer, frame),
    });
  }

  get self(): NodeId {
    return this.node.self;
  }

  /** Starts a new ring with this node alone on it. */
  create(): void {
    this.#run((now) => this.node.create(now));
  }

  /** Joins the ring through `bootstrap` (the link is opened through the transport's signaling). */
  join(bootstrap: NodeId): void {
    this.#run((now) => this.node.join(bootstrap, now));
  }

  /** A peer met outside the ring (room, BroadcastChannel): merges our ring with its, if apart. */
  introduce(peer: NodeId): void {
    if (!this.#stopped) this.#run((now) => this.node.introduce(peer, now));
  }

  /** Finds the owner of `key`; rejects with a ChordpadError (timeout, no_route, …). */
  lookup(key: RingId | KeyId): Promise<LookupResult> {
    if (this.#stopped) return Promise.reject(chordpadError('stopped'));
    return new Promise((resolve, reject) => {
      const { lid, effects } = this.node.lookup(key, this.#clock.now());
      this.#lookups.set(lid, { resolve, reject });
      this.#apply(effects);
    });
  }

  /** Ring-relayed signaling (DESIGN.md §5). */
  sendSignal(to: NodeId, data: string): void {
    this.#run((now) => this.node.sendSignal(to, data, now));
  }

  /** Typed events of the core (topology, lookups, signals, drops). Returns the unsubscribe. */
  onEvent(listener: (event: ChordEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs the core's tick now (page resumed, tab became visible). */
  tickNow(): void {
    this.#run((now) => this.node.tick(now));
  }

  /** Graceful leave: neighbours are told, links closed, timers stopped. */
  leave(): void {
    if (this.#stopped) return;
    this.#apply(this.node.leave(this.#clock.now()));
    this.stop();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTick?.();
    this.#cancelTick = null;
    for (const pending of this.#lookups.values()) pending.reject(chordpadError('stopped'));
    this.#lookups.clear();
  }

  /** Runs one core call now and applies its effects (the store runtime's entry into the core). */
  run(step: (now: number) => Effect[]): void {
    this.#run(step);
  }

  #run(step: (now: number) => Effect[]): void {
    if (this.#stopped) return;
    this.#apply(step(this.#clock.now()));
  }

  #onFrame(peer: NodeId, frame: Uint8Array): void {
    this.counters.framesIn++;
    try {
      const message = decode(frame);
      this.#run((now) => this.node.receive(peer, message, now));
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      this.counters.droppedFrames++;
      this.#log.warn('dropped a malformed frame', { peer, code: error.code });
      this.#run((now) => this.node.dropped(peer, error.code, error.message, now));
    }
  }

  #apply(effects: Effect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'send': {
          const frame = encode(effect.message);
          if (this.transport.send(effect.to, frame)) {
            this.counters.framesOut++;
            this.counters.bytesOut += frame.byteLength;
          } else {
            // The link went away under us; the core learns it from onLinkDown and retries.
            this.counters.unsentFrames++;
          }
          break;
        }
        case 'connect':
          this.transport.connect(effect.peer);
          break;
        case 'disconnect':
          this.transport.disconnect(effect.peer);
          break;
        case 'event':
          this.#dispatch(effect.event);
          break;
        default:
          if (!this.#onEffect?.(effect)) this.#log.warn('unhandled effect', { type: effect.type });
      }
    }
    this.#reschedule();
  }

  #dispatch(event: ChordEvent): void {
    if (event.type === 'lookup_done' || event.type === 'lookup_failed') {
      const pending = this.#lookups.get(event.lid);
      if (pending) {
        this.#lookups.delete(event.lid);
        if (event.type === 'lookup_done') {
          pending.resolve({ owner: event.owner, hops: event.hops, path: event.path, timeouts: event.timeouts, latencyMs: event.latencyMs });
        } else {
          pending.reject(chordpadError(event.code));
        }
      }
    }
    for (const listener of this.#listeners) listener(event);
  }

  #reschedule(): void {
    if (this.#stopped) return;
    const now = this.#clock.now();
    const at = Math.min(this.node.nextWakeAt(), now + this.#maxTickMs);
    if (this.#cancelTick && at >= this.#tickAt) return;
    this.#cancelTick?.();
    this.#tickAt = at;
    this.#cancelTick = this.#schedule(() => {
      this.#cancelTick = null;
      this.#tickAt = Infinity;
      this.#run((t) => this.node.tick(t));
    }, Math.max(0, at - now));
  }
}

/**
 * The ring as a SignalChannel (DESIGN.md §5): after the first link, offers and answers for new
 * links travel through the ring to the target id. Refuses (false) while this node has no way
 * into the ring at all, so a router falls back to the room or BroadcastChannel.
 */
export function ringSignalChannel(driver: NodeDriver): SignalChannel {
  let handler: (from: NodeId, data: string) => void = () => {};
  driver.onEvent((event) => {
    if (event.type === 'signal') handler(event.from, event.data);
  });
  return {
    send(to, data) {
      if (driver.transport.links().length === 0) return false;
      driver.sendSignal(to, data);
      return true;
    },
    setHandler(h) {
      handler = h;
    },
  };
}
