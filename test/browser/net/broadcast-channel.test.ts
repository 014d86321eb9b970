// BroadcastChannel signaling in Chromium: discovery between "tabs" (several channels in one page
// behave like tabs: a BroadcastChannel delivers to every other instance of the same name), hostile
// messages dropped and counted, and the WebRTC transport contract with BroadcastChannel as its only
// signaling route.
// Replay: SEED below; WTR_FILES=test/browser/net/broadcast-channel.test.ts npx web-test-runner --config web-test-runner.config.js
import { expect } from 'chai';
import { createBroadcastSignaling, type BroadcastSignaling } from '../../../src/net/broadcast-channel.ts';
import { createWebRtcTransport } from '../../../src/net/webrtc-transport.ts';
import type { SignalChannel } from '../../../src/ports/signaling.ts';
import type { NodeId } from '../../../src/wire/ids.ts';
import { eventually, randomNodeId, runTransportContract, seeded, type TransportNet } from '../../contract/transport-contract.ts';
import { LoopbackRTCPeerConnection } from './loopback-rtc.ts';

const SEED = 7;
const REPLAY = `SEED=${SEED} in test/browser/net/broadcast-channel.test.ts; WTR_FILES=test/browser/net/broadcast-channel.test.ts npx web-test-runner --config web-test-runner.config.js`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
let netCount = 0;

/**
 * The contract creates a transport and connects at once, before the other tab's `hello` can have
 * arrived; a runtime would wait for discovery. This wrapper also posts (in the channel's own
 * message format) to ids of the net not yet discovered, so the contract exercises the transport,
 * not the discovery race.
 */
function optimistic(b: BroadcastSignaling, self: NodeId, name: string, all: Set<NodeId>): SignalChannel {
  const raw = new BroadcastChannel(name);
  return {
    send(to, data) {
      if (b.signal.send(to, data)) return true;
      if (!all.has(to)) return false;
      raw.postMessage({ v: 1, type: 'signal', from: self, to, data });
      return true;
    },
    setHandler: (h) => b.signal.setHandler(h),
  };
}

function broadcastNet(): TransportNet {
  const name = `contract-${netCount++}-${SEED}`;
  const all = new Set<NodeId>();
  const signals: BroadcastSignaling[] = [];
  return {
    transport(id) {
      all.add(id);
      const b = createBroadcastSignaling({ self: id, channelName: name });
      signals.push(b);
      return createWebRtcTransport({ self: id, lingerMs: 2000, connectTimeoutMs: 8000 })({
        signal: optimistic(b, id, name, all),
        RTCPeerConnection: LoopbackRTCPeerConnection,
      });
    },
    settle: () => sleep(25),
    patience: 1200,
    teardown() {
      for (const s of signals) s.close();
    },
  };
}

runTransportContract('WebRTC signaled over BroadcastChannel', broadcastNet, { seed: SEED, replay: REPLAY });

describe('BroadcastChannel signaling', function () {
  const net: TransportNet = { transport: () => { throw new Error('unused'); }, settle: () => sleep(25), patience: 400 };
  let made: BroadcastSignaling[] = [];
  let next: () => number;
  beforeEach(function () {
    next = seeded(SEED);
    made = [];
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`failed with seed ${SEED}; replay: ${REPLAY}`);
    for (const b of made) b.close();
  });
  const tab = (name: string): BroadcastSignaling => {
    const b = createBroadcastSignaling({ self: randomNodeId(next), channelName: name });
    made.push(b);
    return b;
  };

  it('a new tab learns the ids of existing tabs, and they learn it', async function () {
    const name = `disc-${SEED}-1`;
    const a = tab(name);
    const b = tab(name);
    const ids = [a, b].map((x) => x.peers());
    expect(ids).to.deep.equal([[], []]);
    const c = tab(name);
    await eventually(net, 'everyone knows everyone', () => a.peers().length === 2 && b.peers().length === 2 && c.peers().length === 2);
  });

  it('a closing tab says goodbye', async function () {
    const name = `disc-${SEED}-2`;
    const a = tab(name);
    const b = tab(name);
    const left: NodeId[] = [];
    a.onPeer((p, e) => e === 'leave' && left.push(p));
    await eventually(net, 'a knows b', () => a.peers().length === 1);
    const bId = a.peers()[0];
    b.close();
    await eventually(net, 'a saw b leave', () => left.length === 1);
    expect(left).to.deep.equal([bId]);
    expect(a.peers()).to.deep.equal([]);
  });

  it('delivers signals only to the addressee', async function () {
    const name = `disc-${SEED}-3`;
    const ids = [randomNodeId(next), randomNodeId(next), randomNodeId(next)] as const;
    const [a, b, c] = ids.map((self) => {
      const x = createBroadcastSignaling({ self, channelName: name });
      made.push(x);
      return x;
    });
    if (!a || !b || !c) throw new Error('three tabs');
    const got: string[] = [];
    b.signal.setHandler((from, d) => got.push(`b<-${from === ids[0] ? 'a' : '?'}:${d}`));
    c.signal.setHandler((from, d) => got.push(`c<-${from === ids[0] ? 'a' : '?'}:${d}`));
    await eventually(net, 'a knows both', () => a.peers().length === 2);
    expect(a.signal.send(ids[1], 'x')).to.equal(true);
    await eventually(net, 'delivered', () => got.length === 1);
    for (let i = 0; i < 4; i++) await net.settle();
    expect(got).to.deep.equal(['b<-a:x']);
    expect(a.signal.send(randomNodeId(next), 'y')).to.equal(false);
  });

  it('tells each tab the ring size the others advertise: in hello/here, and on every change', async function () {
    const name = `disc-${SEED}-5`;
    const a = tab(name);
    a.setRingSize(3);
    const b = tab(name); // b's hello gets a's `here`, which carries 3
    await eventually(net, 'b knows a', () => b.peers().length === 1);
    const aId = b.peers()[0] as NodeId;
    await eventually(net, "b learns a's ring", () => b.ringSize(aId) === 3);
    const events: string[] = [];
    b.onPeer((_p, e) => events.push(e));
    a.setRingSize(0); // a is joining again
    await eventually(net, 'b sees the change', () => b.ringSize(aId) === 0);
    a.setRingSize(0); // no change, no message
    for (let i = 0; i < 4; i++) await net.settle();
    expect(events).to.deep.equal(['ring']);
    const bId = a.peers()[0] as NodeId;
    expect(a.ringSize(bId)).to.equal(0);
  });

  it('drops and counts malformed messages', async function () {
    const name = `disc-${SEED}-4`;
    const a = tab(name);
    const raw = new BroadcastChannel(name);
    raw.postMessage('nonsense');
    raw.postMessage({ v: 1, type: 'signal', from: 'zz', to: 'zz', data: 1 });
    raw.postMessage({ v: 2, type: 'hello', from: '0'.repeat(40) });
    raw.postMessage({ v: 1, type: 'ring', from: '2'.repeat(40), ring: -1 });
    raw.postMessage({ v: 1, type: 'ring', from: '2'.repeat(40), ring: 1.5 });
    raw.postMessage({ v: 1, type: 'hello', from: '1'.repeat(40) });
    await eventually(net, 'counted', () => a.stats().dropped === 5 && a.stats().received === 1);
    expect(a.peers()).to.deep.equal(['1'.repeat(40)]);
    raw.close();
  });
});
