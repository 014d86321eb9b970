// Two routing rules found as the failures experiment's failed lookups (`npm run sim -- failures`):
// - A routed lookup's reply travels back along the reverse path. A hop that passed the lookup on
//   must keep the link to the next hop open until the reply comes back through it, even if that
//   peer left its routing state meanwhile (a finger refresh): closing it loses the reply in flight
//   and the lookup fails at its origin's deadline (seed 1, 20 % failed).
// - The final hop goes to the key's owner even while the link to it is still opening; handing it
//   to the next successor made that node (its predecessor just lost) answer as the owner
//   (seed 3, 30 % and 40 % failed).
import { expect } from 'chai';
import { ChordNode } from '../../../src/dht/node.ts';
import type { Effect } from '../../../src/dht/effects.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import type { Message, RouteMessage } from '../../../src/wire/messages.ts';

const id = (lead: string): NodeId => asNodeId(lead.padEnd(40, '0'));

const self = id('10');
const origin = id('08');
const predecessor = id('0f');
const successors = [id('11'), id('12')];
const finger = id('80');
const owner = id('a0');
const target = id('90');

function sends(effects: Effect[]): { to: NodeId; message: Message }[] {
  return effects.flatMap((e) => (e.type === 'send' ? [{ to: e.to, message: e.message }] : []));
}

function nodeWithFinger(): ChordNode {
  const node = new ChordNode(self, { successors: 2, fingerBase: 2 }, { rng: createPrng(1) });
  const starts = node.activeFingerStarts(successors);
  // Every finger start beyond the successors is owned by `finger` (the ring is self, s1, s2, finger, owner, origin).
  node.adoptState({ predecessor, successors, fingers: starts.map((s) => (s <= finger && s > id('12') ? finger : undefined)) }, 0);
  for (const peer of [predecessor, ...successors, finger, origin]) node.onLinkUp(peer, 0);
  return node;
}

const route = (lid: number): RouteMessage => ({
  type: 'route',
  lid,
  origin,
  target,
  hops: 1,
  timeouts: 0,
  path: [origin],
  final: false,
  reply: true,
  via: null,
  payload: { kind: 'lookup' },
});

describe('reply path of a recursive lookup', () => {
  it('forwards to the closest preceding finger', () => {
    const node = nodeWithFinger();
    const out = sends(node.receive(origin, route(7), 10));
    expect(out.map((s) => [s.to, s.message.type])).to.deep.equal([
      [origin, 'route_ack'],
      [finger, 'route'],
    ]);
  });

  it('keeps the link to an acknowledged next hop while its reply is due, and relays the reply', () => {
    const node = nodeWithFinger();
    node.receive(origin, route(7), 10);
    node.receive(finger, { type: 'route_ack', lid: 7, origin }, 20);
    // The finger leaves the routing state (a refresh found no finger there) before the reply is back.
    const refreshed = node.adoptState({ predecessor, successors, fingers: [] }, 30);
    expect(refreshed.filter((e) => e.type === 'disconnect' && e.peer === finger), 'link closed under a reply in flight').to.deep.equal([]);
    const effects = node.receive(finger, { type: 'route_reply', lid: 7, origin, payload: { kind: 'found', owner, successors: [], hops: 3, timeouts: 0, path: [origin, self, finger, owner] } }, 40);
    expect(sends(effects).map((s) => [s.to, s.message.type])).to.deep.equal([[origin, 'route_reply']]);
    // Once the reply has passed, nothing holds the finger's link any more: the next tick closes it.
    const closed = (list: Effect[]): (NodeId | null)[] => list.filter((e) => e.type === 'disconnect').map((e) => (e.type === 'disconnect' ? e.peer : null));
    expect([...closed(effects), ...closed(node.tick(50))]).to.deep.equal([finger]);
  });
});

describe('final hop to a successor whose link is still opening', () => {
  it('waits for the link to the owner instead of handing the key to the next successor', () => {
    const list = [id('11'), id('12'), id('13')];
    const node = new ChordNode(self, { successors: 3, fingerBase: 2 }, { rng: createPrng(1) });
    node.adoptState({ predecessor, successors: list, fingers: [] }, 0);
    // Links to the first and third successors are up; the second (the key's owner) is still opening.
    for (const peer of [predecessor, id('11'), id('13'), origin]) node.onLinkUp(peer, 0);
    const key = id('118');
    const first = sends(node.receive(origin, { ...route(9), target: key }, 10));
    expect(first.map((s) => [s.to, s.message.type]), 'the next successor was told it owns the key').to.deep.equal([[origin, 'route_ack']]);
    const later = sends(node.onLinkUp(id('12'), 200));
    expect(later.map((s) => [s.to, s.message.type, s.message.type === 'route' && s.message.final])).to.deep.equal([[id('12'), 'route', true]]);
  });
});

describe('a hop whose reply path breaks', () => {
  it('sends the route again through the next-best link when the acknowledged next hop fails', () => {
    const node = nodeWithFinger();
    node.receive(origin, route(7), 10);
    node.receive(finger, { type: 'route_ack', lid: 7, origin }, 20);
    const again = sends(node.onLinkDown(finger, 'failed', 5000));
    expect(again.map((s) => [s.to, s.message.type])).to.deep.equal([[successors[1], 'route']]);
  });

  it('answers the newest asker when the same route arrives again from another hop', () => {
    const node = nodeWithFinger();
    node.receive(origin, route(7), 10);
    node.receive(finger, { type: 'route_ack', lid: 7, origin }, 20);
    const other = id('09');
    node.onLinkUp(other, 30);
    const dup = sends(node.receive(other, { ...route(7), path: [origin, other] }, 40));
    expect(dup.map((s) => [s.to, s.message.type])).to.deep.equal([[other, 'route_ack']]);
    const reply = sends(node.receive(finger, { type: 'route_reply', lid: 7, origin, payload: { kind: 'found', owner, successors: [], hops: 3, timeouts: 0, path: [origin, other, self, finger, owner] } }, 50));
    expect(reply.map((s) => [s.to, s.message.type])).to.deep.equal([[other, 'route_reply']]);
  });
});

describe('the origin told it owns its own lookup', () => {
  it('hands it to its predecessor when that is closer to the target, like any hop', () => {
    const node = nodeWithFinger();
    const key = id('0e8');
    const { lid, effects } = node.lookup(key, 10);
    // Forwarded around the ring (the target lies just before our predecessor)…
    const first = sends(effects).find((s) => s.message.type === 'route');
    expect(first?.to).to.equal(finger);
    node.receive(finger, { type: 'route_ack', lid, origin: self }, 20);
    // …it comes back to us as the final hop from a node with a stale successor list.
    const back = sends(node.receive(finger, { type: 'route', lid, origin: self, target: key, hops: 3, timeouts: 0, path: [self, finger, id('e0')], final: true, reply: true, via: null, payload: { kind: 'lookup' } }, 30));
    expect(back.map((s) => [s.to, s.message.type, s.message.type === 'route' && s.message.final])).to.deep.equal([
      [finger, 'route_ack', false],
      [predecessor, 'route', true],
    ]);
  });
});
