// The signal router: priority order for a peer never heard from, the route of its last signal for
// one that was — so an answer to a peer that reached us through the ring does not vanish into a
// room that still lists it after it left.
import { expect } from 'chai';
import { createSignalRouter } from '../../../src/net/signal-router.ts';
import type { SignalChannel } from '../../../src/ports/signaling.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';

/** A channel that accepts sends to `reachable` peers, records them, and can deliver signals. */
function channel(reachable: NodeId[]): SignalChannel & { sent: NodeId[]; deliver(from: NodeId, data: string): void } {
  let handler: (from: NodeId, data: string) => void = () => {};
  const sent: NodeId[] = [];
  return {
    sent,
    send(to) {
      if (!reachable.includes(to)) return false;
      sent.push(to);
      return true;
    },
    setHandler(h) {
      handler = h;
    },
    deliver(from, data) {
      handler(from, data);
    },
  };
}

const peer = asNodeId('3'.repeat(40));

describe('signal router', () => {
  it('tries routes in priority order for a peer never heard from', () => {
    const router = createSignalRouter();
    const room = channel([peer]);
    const ring = channel([peer]);
    router.addRoute('ring', ring, 2);
    router.addRoute('room', room, 1);
    expect(router.routes()).to.deep.equal(['room', 'ring']);
    expect(router.send(peer, 'x')).to.equal(true);
    expect([room.sent.length, ring.sent.length]).to.deep.equal([1, 0]);
  });

  it('answers on the route the peer’s last signal came by, and falls back when that route refuses', () => {
    const router = createSignalRouter();
    const heard: string[] = [];
    router.setHandler((_from, data) => heard.push(data));
    const room = channel([peer]); // still lists the peer, though it left
    const ring = channel([peer]);
    router.addRoute('room', room, 1);
    const removeRing = router.addRoute('ring', ring, 2);
    ring.deliver(peer, 'invite');
    expect(heard).to.deep.equal(['invite']);
    router.send(peer, 'offer');
    expect([room.sent.length, ring.sent.length], 'the offer goes back through the ring').to.deep.equal([0, 1]);
    room.deliver(peer, 'again');
    router.send(peer, 'answer');
    expect([room.sent.length, ring.sent.length], 'the latest signal came through the room').to.deep.equal([1, 1]);
    ring.deliver(peer, 'x');
    removeRing();
    expect(router.send(peer, 'y'), 'a removed route is not remembered').to.equal(true);
    expect(room.sent.length).to.equal(2);
  });
});
