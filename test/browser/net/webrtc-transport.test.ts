// The WebRTC transport in real Chromium: the transport contract plus what only a real data
// channel can show (framing of hostile input, backpressure, reuse, the link cap). Every
// connection stays on 127.0.0.1 (LoopbackRTCPeerConnection, iceServers: []).
// Replay a failure: set SEED below, then
//   WTR_FILES=test/browser/net/webrtc-transport.test.ts npx web-test-runner --config web-test-runner.config.js
import { expect } from 'chai';
import { createWebRtcTransport, type WebRtcTransport, type WebRtcTransportInit } from '../../../src/net/webrtc-transport.ts';
import { encodeSignal, parseSignal } from '../../../src/net/negotiation-signal.ts';
import { FrameKind } from '../../../src/net/frame-codec.ts';
import type { NodeId } from '../../../src/wire/ids.ts';
import type { SignalChannel } from '../../../src/ports/signaling.ts';
import { eventually, randomNodeId, Recorder, runTransportContract, seeded, type TransportNet } from '../../contract/transport-contract.ts';
import { InPageSignalHub } from './in-page-signal.ts';
import { LoopbackRTCPeerConnection } from './loopback-rtc.ts';

const SEED = 20261124;
const REPLAY = `SEED=${SEED} in test/browser/net/webrtc-transport.test.ts; WTR_FILES=test/browser/net/webrtc-transport.test.ts npx web-test-runner --config web-test-runner.config.js`;
/** One settle() step in real time (ms); the contract waits in steps, never asserts on time. */
const SETTLE_MS = 25;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function webRtcNet(init: Partial<WebRtcTransportInit> = {}): TransportNet & { hub: InPageSignalHub; made: WebRtcTransport[] } {
  const hub = new InPageSignalHub();
  const made: WebRtcTransport[] = [];
  return {
    hub,
    made,
    transport(id) {
      const t = createWebRtcTransport({ self: id, lingerMs: 2000, connectTimeoutMs: 8000, ...init })({
        signal: hub.channel(id),
        RTCPeerConnection: LoopbackRTCPeerConnection,
      });
      made.push(t);
      return t;
    },
    settle: () => sleep(SETTLE_MS),
    patience: 1200,
    teardown() {
      for (const t of made) t.close();
    },
  };
}

runTransportContract('WebRTC (loopback)', () => webRtcNet(), { seed: SEED, replay: REPLAY });

describe('WebRTC transport in Chromium', function () {
  let net: ReturnType<typeof webRtcNet>;
  let next: () => number;
  beforeEach(function () {
    next = seeded(SEED);
    net = webRtcNet();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`failed with seed ${SEED}; replay: ${REPLAY}`);
    void net.teardown?.();
  });

  function node(init: Partial<WebRtcTransportInit> = {}): { t: WebRtcTransport; r: Recorder } {
    const id = randomNodeId(next);
    const t = createWebRtcTransport({ self: id, lingerMs: 2000, ...init })({
      signal: net.hub.channel(id),
      RTCPeerConnection: LoopbackRTCPeerConnection,
    });
    net.made.push(t);
    const r = new Recorder();
    t.setHandler(r);
    return { t, r };
  }

  it('moves 5 MiB sent at once, in order, through the bounded queue', async function () {
    const a = node();
    const b = node();
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => b.r.upCount(a.t.self) === 1 && a.r.upCount(b.t.self) === 1);
    const MESSAGE_BYTES = 64 * 1024;
    const COUNT = 80; // 5 MiB
    for (let i = 0; i < COUNT; i++) {
      const m = new Uint8Array(MESSAGE_BYTES);
      new DataView(m.buffer).setUint32(0, i);
      m.fill(i & 0xff, 4);
      expect(a.t.send(b.t.self, m), `send ${i}`).to.equal(true);
    }
    expect(a.t.stats().queuedBytes).to.be.greaterThan(0);
    await eventually(net, 'all 80 messages', () => b.r.framesFrom(a.t.self).length === COUNT);
    b.r.framesFrom(a.t.self).forEach((m, i) => {
      expect(m.byteLength).to.equal(MESSAGE_BYTES);
      expect(new DataView(m.buffer, m.byteOffset).getUint32(0)).to.equal(i);
      expect(m[MESSAGE_BYTES - 1]).to.equal(i & 0xff);
    });
    expect(a.t.stats().droppedQueueFull).to.equal(0);
    expect(a.t.stats().queuedBytes).to.equal(0);
  });

  it('refuses to queue past maxQueuedBytes, and counts it', async function () {
    const a = node({ maxQueuedBytes: 256 * 1024 });
    const b = node();
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => a.r.upCount(b.t.self) === 1);
    let refused = 0;
    for (let i = 0; i < 100; i++) if (!a.t.send(b.t.self, new Uint8Array(64 * 1024))) refused++;
    expect(refused).to.be.greaterThan(0);
    expect(a.t.stats().droppedQueueFull).to.equal(refused);
    await eventually(net, 'accepted messages arrive', () => b.r.framesFrom(a.t.self).length === 100 - refused);
  });

  it('drops oversized messages on send and counts them', async function () {
    const a = node({ maxMessageBytes: 1000 });
    const b = node();
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => a.r.upCount(b.t.self) === 1);
    expect(a.t.send(b.t.self, new Uint8Array(1001))).to.equal(false);
    expect(a.t.stats().droppedOversizeOut).to.equal(1);
    expect(a.t.send(b.t.self, new Uint8Array(1000))).to.equal(true);
  });

  it('reuses a lingering connection on reconnect instead of creating a new one', async function () {
    const a = node();
    const b = node();
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => a.r.upCount(b.t.self) === 1 && b.r.upCount(a.t.self) === 1);
    a.t.disconnect(b.t.self);
    await eventually(net, 'down both ends', () => b.r.downsOf(a.t.self).length === 1);
    a.t.connect(b.t.self);
    await eventually(net, 'up again both ends', () => a.r.upCount(b.t.self) === 2 && b.r.upCount(a.t.self) === 2);
    expect(a.t.stats().peerConnectionsCreated).to.equal(1);
    expect(b.t.stats().peerConnectionsCreated).to.equal(1);
    expect(a.t.stats().linksReused).to.equal(1);
  });

  it('holds the link cap: connect and incoming offers over it are refused', async function () {
    const a = node({ maxLinks: 1 });
    const b = node();
    const c = node();
    a.t.connect(b.t.self);
    await eventually(net, 'a–b up', () => a.r.upCount(b.t.self) === 1);
    a.t.connect(c.t.self);
    await eventually(net, 'a→c refused', () => a.r.downsOf(c.t.self).length === 1);
    expect(a.r.downsOf(c.t.self)).to.deep.equal(['refused']);
    c.t.connect(a.t.self);
    await eventually(net, 'c→a refused', () => c.r.downsOf(a.t.self).length === 1);
    expect(c.r.downsOf(a.t.self)).to.deep.equal(['refused']);
    expect(a.t.stats().rejectedAtCap).to.equal(1);
    expect(a.t.links()).to.deep.equal([b.t.self]);
  });

  it('keeps an idle link alive with heartbeats', async function () {
    const a = node({ heartbeatMs: 100, heartbeatTimeoutMs: 3000 });
    const b = node({ heartbeatMs: 100, heartbeatTimeoutMs: 3000 });
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => a.r.upCount(b.t.self) === 1 && b.r.upCount(a.t.self) === 1);
    for (let i = 0; i < 60; i++) await net.settle();
    expect(a.t.links()).to.deep.equal([b.t.self]);
    expect(b.t.stats().framesIn).to.be.greaterThan(0);
    expect(a.r.downs).to.deep.equal([]);
  });

  it('declares a silent peer failed after the heartbeat timeout', async function () {
    const a = node({ heartbeatMs: 100, heartbeatTimeoutMs: 600 });
    // b never sends a heartbeat: from a's side it looks like a hung tab.
    const b = node({ heartbeatMs: 1e9, heartbeatTimeoutMs: 1e9 });
    a.t.connect(b.t.self);
    await eventually(net, 'a sees failure', () => a.r.downsOf(b.t.self).length === 1);
    expect(a.r.upCount(b.t.self)).to.equal(1);
    expect(a.r.downsOf(b.t.self)).to.deep.equal(['failed']);
    expect(a.t.stats().heartbeatTimeouts).to.equal(1);
    await eventually(net, 'b sees the link go', () => b.r.downsOf(a.t.self).length === 1);
  });

  it('drops malformed and oversized frames from a peer, counts them, and keeps the link', async function () {
    const a = node({ maxMessageBytes: 64 * 1024 });
    const evil = await rawPeer(net.hub, randomNodeId(next), a.t.self);
    await eventually(net, 'a sees the raw peer', () => a.r.upCount(evil.id) === 1);
    const ch = evil.channel;
    ch.send('a text frame');
    ch.send(new Uint8Array(0));
    ch.send(Uint8Array.of(0x7f, 1, 2));
    ch.send(Uint8Array.of(FrameKind.CONT, 1, 2)); // continuation without a start
    const first = new Uint8Array(9);
    first[0] = FrameKind.FIRST;
    new DataView(first.buffer).setUint32(1, 10 * 1024 * 1024); // 10 MiB: over the cap
    ch.send(first);
    ch.send(Uint8Array.of(FrameKind.CONT, 5, 5, 5)); // skipped with the oversized message
    ch.send(Uint8Array.of(FrameKind.PING, 1)); // a control frame with a body
    ch.send(Uint8Array.of(FrameKind.DATA, 42, 43)); // and finally one good message
    await eventually(net, 'the good message arrives', () => a.r.framesFrom(evil.id).length === 1);
    expect([...(a.r.framesFrom(evil.id)[0] ?? [])]).to.deep.equal([42, 43]);
    const s = a.t.stats();
    expect(s.droppedMalformed).to.equal(5);
    expect(s.droppedOversizeIn).to.equal(1);
    expect(a.t.links()).to.deep.equal([evil.id]);
    expect(a.r.downs).to.deep.equal([]);
    // Garbage signaling is dropped and counted too.
    net.hub.channel(evil.id).send(a.t.self, '{"v":1,"t":"desc"}');
    net.hub.channel(evil.id).send(a.t.self, 'not json');
    await eventually(net, 'bad signals counted', () => a.t.stats().droppedSignals === 2);
    evil.pc.close();
  });

  it('links even when candidates overtake the descriptions they belong to (ring-relayed signals)', async function () {
    // Descriptions take a slow path, candidates a fast one: every candidate arrives first.
    const slowDescriptions = (id: NodeId): SignalChannel => {
      const inner = net.hub.channel(id);
      return {
        send(to, data) {
          if (parseSignal(data)?.t !== 'desc') return inner.send(to, data);
          setTimeout(() => inner.send(to, data), 150);
          return true;
        },
        setHandler: (h) => inner.setHandler(h),
      };
    };
    const make = (): { t: WebRtcTransport; r: Recorder } => {
      const id = randomNodeId(next);
      const t = createWebRtcTransport({ self: id })({ signal: slowDescriptions(id), RTCPeerConnection: LoopbackRTCPeerConnection });
      net.made.push(t);
      const r = new Recorder();
      t.setHandler(r);
      return { t, r };
    };
    const a = make();
    const b = make();
    a.t.connect(b.t.self);
    await eventually(net, 'link up', () => a.r.upCount(b.t.self) === 1 && b.r.upCount(a.t.self) === 1);
    expect(a.t.stats().negotiationErrors + b.t.stats().negotiationErrors).to.equal(0);
    const remote = [...a.t.describeLinks(), ...b.t.describeLinks()].map((l) => l.remoteCandidates);
    expect(Math.min(...remote)).to.be.greaterThan(0);
  });

  it('gives one link per pair when three transports all connect to each other at once', async function () {
    const ns = [node(), node(), node()];
    for (const x of ns) for (const y of ns) if (x !== y) x.t.connect(y.t.self);
    await eventually(net, 'full triangle', () => ns.every((x) => x.t.links().length === 2));
    for (let i = 0; i < 10; i++) await net.settle();
    for (const x of ns) {
      expect(x.r.downs).to.deep.equal([]);
      expect(x.r.ups).to.have.length(2);
      expect(x.t.stats().peerConnectionsCreated).to.equal(2);
    }
  });
});

/**
 * A peer that speaks our signaling by hand and owns its data channel raw, so a test can put
 * arbitrary bytes on the wire. It offers (with its own negotiated channel id 0) and applies
 * whatever comes back.
 */
async function rawPeer(hub: InPageSignalHub, id: NodeId, target: NodeId): Promise<{ id: NodeId; pc: RTCPeerConnection; channel: RTCDataChannel }> {
  const pc = new LoopbackRTCPeerConnection({ iceServers: [] });
  const channel = pc.createDataChannel('raw', { negotiated: true, id: 0, ordered: true });
  const signal = hub.channel(id);
  const sid = 'rawpeer';
  signal.setHandler((_from, data) => {
    const s = parseSignal(data);
    if (s?.t === 'desc') void pc.setRemoteDescription({ type: s.type, sdp: s.sdp });
    else if (s?.t === 'cand') void pc.addIceCandidate({ candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex });
  });
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) signal.send(target, encodeSignal({ v: 1, t: 'cand', sid, candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex }));
  };
  await pc.setLocalDescription();
  const offer = pc.localDescription;
  if (offer?.type !== 'offer') throw new Error('no offer');
  signal.send(target, encodeSignal({ v: 1, t: 'desc', sid, type: 'offer', sdp: offer.sdp }));
  await new Promise<void>((resolve) => (channel.onopen = () => resolve()));
  return { id, pc, channel };
}
