// Ring maintenance rules added for lookups under churn (`npm run sim -- churn`), each driven
// message by message on one core node:
// - a joining node takes its successor's predecessor as its own until a closer one rectifies it;
// - a node new to a successor list is hinted to the predecessor, which refreshes its own list.
import { expect } from 'chai';
import { ChordNode } from '../../../src/dht/node.ts';
import type { Effect } from '../../../src/dht/effects.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import type { Message } from '../../../src/wire/messages.ts';

const id = (lead: string): NodeId => asNodeId(lead.padEnd(40, '0'));

function sends(effects: Effect[]): { to: NodeId; message: Message }[] {
  return effects.flatMap((e) => (e.type === 'send' ? [{ to: e.to, message: e.message }] : []));
}

function only<T extends Message['type']>(effects: Effect[], type: T, to: NodeId): Extract<Message, { type: T }> {
  const found = sends(effects).filter((s) => s.to === to && s.message.type === type);
  expect(found, `one ${type} to ${to.slice(0, 2)}`).to.have.length(1);
  return found[0]?.message as Extract<Message, { type: T }>;
}

describe('joining: the successor reports our predecessor', () => {
  it('a new node takes its successor’s predecessor as its own, and rectifies the successor', () => {
    const self = id('50');
    const bootstrap = id('a0');
    const successor = id('60');
    const predecessor = id('40');
    const node = new ChordNode(self, { successors: 4 }, { rng: createPrng(3) });
    node.join(bootstrap, 0);
    const lookup = only(node.onLinkUp(bootstrap, 10), 'route', bootstrap);
    node.receive(bootstrap, { type: 'route_ack', lid: lookup.lid, origin: self }, 20);
    const found = node.receive(
      bootstrap,
      { type: 'route_reply', lid: lookup.lid, origin: self, payload: { kind: 'found', owner: successor, successors: [], hops: 2, timeouts: 0, path: [self, bootstrap, successor] } },
      30,
    );
    expect(found.some((e) => e.type === 'connect' && e.peer === successor)).to.equal(true);
    const ask = only(node.onLinkUp(successor, 40), 'get_neighbors', successor);
    const joined = node.receive(successor, { type: 'neighbors', rid: ask.rid, predecessor, successors: [id('70'), id('80')] }, 50);
    only(joined, 'rectify', successor);
    expect(node.snapshot()).to.include({ joined: true, predecessor });
    expect(node.snapshot().successors).to.deep.equal([successor, id('70'), id('80')]);
  });

  it('a reported predecessor that does not precede us is not taken', () => {
    const self = id('50');
    const successor = id('60');
    const node = new ChordNode(self, { successors: 4 }, { rng: createPrng(3) });
    node.join(successor, 0);
    const lookup = only(node.onLinkUp(successor, 10), 'route', successor);
    const found = node.receive(successor, { type: 'route_reply', lid: lookup.lid, origin: self, payload: { kind: 'found', owner: successor, successors: [], hops: 1, timeouts: 0, path: [self, successor] } }, 20);
    const ask = only(found, 'get_neighbors', successor);
    // The successor's predecessor is already us (a rejoin): nothing to take.
    node.receive(successor, { type: 'neighbors', rid: ask.rid, predecessor: self, successors: [] }, 40);
    expect(node.snapshot().predecessor).to.equal(null);
  });
});

describe('a node new to a successor list travels back to the predecessors', () => {
  const self = id('20');
  const predecessor = id('10');
  const list = [id('30'), id('50'), id('60'), id('70')];
  const joiner = id('40');

  function member(): ChordNode {
    const node = new ChordNode(self, { successors: 4 }, { rng: createPrng(5) });
    node.adoptState({ predecessor, successors: list, fingers: [] }, 0);
    for (const peer of [predecessor, ...list]) node.onLinkUp(peer, 0);
    return node;
  }

  it('stabilizing into a list with a new node hints the predecessor', () => {
    const node = member();
    const at = node.nextWakeAt();
    const ask = only(node.tick(at), 'get_neighbors', id('30'));
    const effects = node.receive(id('30'), { type: 'neighbors', rid: ask.rid, predecessor: self, successors: [joiner, id('50'), id('60')] }, at + 10);
    expect(node.snapshot().successors).to.deep.equal([id('30'), joiner, id('50'), id('60')]);
    expect(only(effects, 'successor_hint', predecessor).candidate).to.equal(joiner);
  });

  it('a hint about a node missing inside our list brings the next stabilize round forward', () => {
    const node = member();
    expect(node.nextWakeAt()).to.be.greaterThan(1000);
    node.receive(id('30'), { type: 'successor_hint', candidate: joiner }, 100);
    expect(node.nextWakeAt()).to.be.at.most(100 + node.config.hopTimeoutMs);
    only(node.tick(node.nextWakeAt()), 'get_neighbors', id('30'));
  });

  it('a hint about a node we list already, or one beyond our list, changes nothing', () => {
    const node = member();
    const before = node.nextWakeAt();
    node.receive(id('30'), { type: 'successor_hint', candidate: id('50') }, 100);
    node.receive(id('30'), { type: 'successor_hint', candidate: id('90') }, 100);
    expect(node.nextWakeAt()).to.equal(before);
  });

  it('a tail refill of a full list is not passed on (it lies beyond the predecessor’s list)', () => {
    const node = member();
    const at = node.nextWakeAt();
    const ask = only(node.tick(at), 'get_neighbors', id('30'));
    const effects = node.receive(id('30'), { type: 'neighbors', rid: ask.rid, predecessor: self, successors: [id('50'), id('60'), id('80')] }, at + 10);
    expect(node.snapshot().successors).to.deep.equal([id('30'), id('50'), id('60'), id('80')]);
    expect(sends(effects).filter((s) => s.message.type === 'successor_hint')).to.deep.equal([]);
  });
});
