// The one contract every Transport passes (CONVENTIONS.md 7): the simulated network, the WebRTC
// adapter, and any other. It states what the Chord core may rely on: links come up on both ends,
// frames arrive whole and in order, a dead or absent peer ends in onLinkDown, glare yields one link.
//
// Usage:  runTransportContract('WebRTC', async () => ({ transport: (id) => …, settle, teardown }))
// `settle()` lets delivery happen: real time for WebRTC (a short sleep), virtual time for the
// simulator (run the event queue). The suite never asserts on durations: it waits by calling
// settle() until a condition holds, up to `patience` times.
import { expect } from 'chai';
import type { LinkDownReason, Transport, TransportHandler } from '../../src/ports/transport.ts';
import { asNodeId, type NodeId } from '../../src/wire/ids.ts';

export interface TransportNet {
  /** A new transport with id `id`, wired to every other transport of this net. */
  transport(id: NodeId): Transport;
  /** Lets pending deliveries happen (sleep a little, or run the simulator's queue). */
  settle(): Promise<void>;
  /** How many settle() calls a condition may take before the test fails. @default 400 */
  patience?: number;
  /** Releases everything the net made. */
  teardown?(): Promise<void> | void;
}

export interface TransportContractOptions {
  /** Seed for ids and frame contents; printed with the replay hint on failure. */
  seed?: number;
  /** How to replay a failure, printed with the seed (e.g. the test command and where SEED lives). */
  replay?: string;
  /** Extra bytes to push in the large-frame test; transports with a small cap may lower it. @default 200000 */
  largeFrameBytes?: number;
}

/** A handler that records everything a transport reports. */
export class Recorder implements TransportHandler {
  readonly ups: NodeId[] = [];
  readonly downs: { peer: NodeId; reason: LinkDownReason }[] = [];
  readonly frames = new Map<NodeId, Uint8Array[]>();

  onLinkUp(peer: NodeId): void {
    this.ups.push(peer);
  }
  onLinkDown(peer: NodeId, reason: LinkDownReason): void {
    this.downs.push({ peer, reason });
  }
  onFrame(peer: NodeId, frame: Uint8Array): void {
    const list = this.frames.get(peer) ?? [];
    list.push(frame);
    this.frames.set(peer, list);
  }
  upCount(peer: NodeId): number {
    return this.ups.filter((p) => p === peer).length;
  }
  downsOf(peer: NodeId): LinkDownReason[] {
    return this.downs.filter((d) => d.peer === peer).map((d) => d.reason);
  }
  framesFrom(peer: NodeId): Uint8Array[] {
    return this.frames.get(peer) ?? [];
  }
}

/** xorshift32: a tiny seeded generator for ids and payloads (no dependency on src/dht). */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

export function randomNodeId(next: () => number): NodeId {
  let hex = '';
  while (hex.length < 40) hex += next().toString(16).padStart(8, '0');
  return asNodeId(hex.slice(0, 40));
}

export function randomBytes(next: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = next() & 0xff;
  return bytes;
}

/** Calls settle() until `condition` holds; fails with `what` after `patience` rounds. */
export async function eventually(net: TransportNet, what: string, condition: () => boolean): Promise<void> {
  const patience = net.patience ?? 400;
  for (let i = 0; i < patience; i++) {
    if (condition()) return;
    await net.settle();
  }
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function runTransportContract(
  name: string,
  setup: () => Promise<TransportNet> | TransportNet,
  options: TransportContractOptions = {},
): void {
  const seed = options.seed ?? 1;
  const largeFrameBytes = options.largeFrameBytes ?? 200_000;

  describe(`Transport contract: ${name}`, function () {
    let net: TransportNet;
    let next: () => number;
    let made: Transport[] = [];

    /** A transport with a fresh id and a recorder installed. */
    function node(): { t: Transport; r: Recorder } {
      const t = net.transport(randomNodeId(next));
      const r = new Recorder();
      t.setHandler(r);
      made.push(t);
      return { t, r };
    }

    async function linked(): Promise<[{ t: Transport; r: Recorder }, { t: Transport; r: Recorder }]> {
      const a = node();
      const b = node();
      a.t.connect(b.t.self);
      await eventually(net, 'link up on both ends', () => a.r.upCount(b.t.self) === 1 && b.r.upCount(a.t.self) === 1);
      return [a, b];
    }

    beforeEach(async function () {
      // Each test derives its own stream from the suite seed and its title, so one test replays alone.
      let h = seed;
      for (const ch of this.currentTest?.title ?? '') h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
      next = seeded(h);
      made = [];
      net = await setup();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        console.log(`transport contract "${name}" failed with seed ${seed}; replay: ${options.replay ?? 'rerun with the same seed'}`);
      }
      for (const t of made) t.close();
      await net.teardown?.();
    });

    it('connect brings the link up on both ends', async function () {
      const [a, b] = await linked();
      expect(a.t.links()).to.deep.equal([b.t.self]);
      expect(b.t.links()).to.deep.equal([a.t.self]);
      expect(a.r.downs).to.deep.equal([]);
      expect(b.r.downs).to.deep.equal([]);
    });

    it('either end may connect: from the lower id and from the higher id', async function () {
      for (const fromLower of [true, false]) {
        const x = node();
        const y = node();
        const [lo, hi] = x.t.self < y.t.self ? [x, y] : [y, x];
        const [from, to] = fromLower ? [lo, hi] : [hi, lo];
        from.t.connect(to.t.self);
        await eventually(net, `link up (connect from the ${fromLower ? 'lower' : 'higher'} id)`, () => from.r.upCount(to.t.self) === 1 && to.r.upCount(from.t.self) === 1);
        expect(to.t.send(from.t.self, Uint8Array.of(5))).to.equal(true);
        await eventually(net, 'frame back', () => from.r.framesFrom(to.t.self).length === 1);
      }
    });

    it('connect is idempotent: a second call adds no second link', async function () {
      const [a, b] = await linked();
      a.t.connect(b.t.self);
      await net.settle();
      expect(a.r.upCount(b.t.self)).to.equal(1);
      expect(a.t.links()).to.have.length(1);
    });

    it('delivers whole frames in order both ways, including frames larger than 16 KiB', async function () {
      const [a, b] = await linked();
      const sizes = [0, 1, 100, 16383, 16384, 16385, 40000, largeFrameBytes, 7];
      const fromA = sizes.map((n) => randomBytes(next, n));
      const fromB = sizes.map((n) => randomBytes(next, n)).reverse();
      for (const f of fromA) expect(a.t.send(b.t.self, f)).to.equal(true);
      for (const f of fromB) expect(b.t.send(a.t.self, f)).to.equal(true);
      await eventually(net, 'all frames delivered', () => b.r.framesFrom(a.t.self).length >= fromA.length && a.r.framesFrom(b.t.self).length >= fromB.length);
      const gotB = b.r.framesFrom(a.t.self);
      const gotA = a.r.framesFrom(b.t.self);
      expect(gotB.map((f) => f.byteLength)).to.deep.equal(fromA.map((f) => f.byteLength));
      expect(gotA.map((f) => f.byteLength)).to.deep.equal(fromB.map((f) => f.byteLength));
      fromA.forEach((f, i) => expect(sameBytes(gotB[i], f), `frame ${i} from a`).to.equal(true));
      fromB.forEach((f, i) => expect(sameBytes(gotA[i], f), `frame ${i} from b`).to.equal(true));
    });

    it('send without a link returns false and delivers nothing', async function () {
      const a = node();
      const b = node();
      expect(a.t.send(b.t.self, Uint8Array.of(1, 2, 3))).to.equal(false);
      await net.settle();
      expect(b.r.frames.size).to.equal(0);
      expect(a.t.links()).to.deep.equal([]);
    });

    it('disconnect takes the link down on both ends', async function () {
      const [a, b] = await linked();
      a.t.disconnect(b.t.self);
      await eventually(net, 'link down on both ends', () => a.r.downsOf(b.t.self).length === 1 && b.r.downsOf(a.t.self).length === 1);
      expect(a.r.downsOf(b.t.self)).to.deep.equal(['closed']);
      expect(b.r.downsOf(a.t.self)).to.deep.equal(['closed']);
      expect(a.t.links()).to.deep.equal([]);
      expect(b.t.links()).to.deep.equal([]);
      expect(a.t.send(b.t.self, Uint8Array.of(1))).to.equal(false);
      expect(b.t.send(a.t.self, Uint8Array.of(1))).to.equal(false);
    });

    it('a link can be opened again after disconnect, and carries frames', async function () {
      const [a, b] = await linked();
      a.t.disconnect(b.t.self);
      await eventually(net, 'link down on both ends', () => a.r.downsOf(b.t.self).length === 1 && b.r.downsOf(a.t.self).length === 1);
      b.t.connect(a.t.self);
      await eventually(net, 'link up again on both ends', () => a.r.upCount(b.t.self) === 2 && b.r.upCount(a.t.self) === 2);
      expect(b.t.send(a.t.self, Uint8Array.of(9, 8, 7))).to.equal(true);
      expect(a.t.send(b.t.self, Uint8Array.of(1, 2, 3))).to.equal(true);
      await eventually(net, 'frames after reconnect', () => a.r.framesFrom(b.t.self).length === 1 && b.r.framesFrom(a.t.self).length === 1);
      expect([...(a.r.framesFrom(b.t.self)[0] ?? [])]).to.deep.equal([9, 8, 7]);
      expect([...(b.r.framesFrom(a.t.self)[0] ?? [])]).to.deep.equal([1, 2, 3]);
    });

    it('connect to an absent peer ends in refused', async function () {
      const a = node();
      const absent = randomNodeId(next);
      a.t.connect(absent);
      await eventually(net, 'refused', () => a.r.downsOf(absent).length === 1);
      expect(a.r.downsOf(absent)).to.deep.equal(['refused']);
      expect(a.r.upCount(absent)).to.equal(0);
      expect(a.t.links()).to.deep.equal([]);
    });

    it('simultaneous connect from both sides yields exactly one link', async function () {
      const a = node();
      const b = node();
      a.t.connect(b.t.self);
      b.t.connect(a.t.self);
      await eventually(net, 'link up on both ends', () => a.r.upCount(b.t.self) >= 1 && b.r.upCount(a.t.self) >= 1);
      // Give a second (wrong) link time to show up before judging.
      for (let i = 0; i < 10; i++) await net.settle();
      expect(a.r.upCount(b.t.self)).to.equal(1);
      expect(b.r.upCount(a.t.self)).to.equal(1);
      expect(a.r.downs).to.deep.equal([]);
      expect(b.r.downs).to.deep.equal([]);
      expect(a.t.links()).to.deep.equal([b.t.self]);
      expect(b.t.links()).to.deep.equal([a.t.self]);
      expect(a.t.send(b.t.self, Uint8Array.of(1))).to.equal(true);
      expect(b.t.send(a.t.self, Uint8Array.of(2))).to.equal(true);
      await eventually(net, 'frames both ways', () => a.r.framesFrom(b.t.self).length === 1 && b.r.framesFrom(a.t.self).length === 1);
    });

    it('close() ends every link, on both ends', async function () {
      const a = node();
      const b = node();
      const c = node();
      a.t.connect(b.t.self);
      a.t.connect(c.t.self);
      await eventually(net, 'two links up', () => a.t.links().length === 2 && b.t.links().length === 1 && c.t.links().length === 1);
      a.t.close();
      await eventually(net, 'peers see the links go down', () => b.r.downsOf(a.t.self).length === 1 && c.r.downsOf(a.t.self).length === 1);
      expect(b.t.links()).to.deep.equal([]);
      expect(c.t.links()).to.deep.equal([]);
      expect(a.t.links()).to.deep.equal([]);
      expect(a.t.send(b.t.self, Uint8Array.of(1))).to.equal(false);
      a.t.close(); // a second close is a no-op
    });
  });
}
