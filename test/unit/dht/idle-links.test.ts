// A link the other side opened is the other side's to close, but one that carries nothing for two
// finger periods while no role of ours needs it is closed by us too (NodeState.closeIdleLinks):
// in the browser a connect given up on while it opened can still finish, and leave a link neither
// side's core opened.
import { expect } from 'chai';
import type { Effect } from '../../../src/dht/effects.ts';
import { ChordNode } from '../../../src/dht/node.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';

const id = (lead: string): NodeId => asNodeId(lead.padEnd(40, '0'));
// Stabilize far off, and fingers by rank (whose unanswered asks suspect nobody): no maintenance
// round marks a silent peer failed while the clock runs.
const CONFIG = { successors: 3, fingersBy: 'rank', fixFingersMs: 10_000, stabilizeMs: 100_000_000 } as const;
const IDLE_MS = 2 * CONFIG.fixFingersMs;

const disconnects = (effects: Effect[]): NodeId[] => effects.flatMap((e) => (e.type === 'disconnect' ? [e.peer] : []));

/** A ring member at 10 with successors 20, 30, 40, and a link that 80 opened to it at time 0. */
function nodeWithStrayLink(): ChordNode {
  const node = new ChordNode(id('10'), CONFIG, { rng: createPrng(9) });
  for (const s of [id('20'), id('30'), id('40'), id('f0')]) node.onLinkUp(s, 0);
  node.adoptState({ predecessor: id('f0'), successors: [id('20'), id('30'), id('40')], fingers: [] }, 0);
  node.onLinkUp(id('80'), 0);
  return node;
}

/** Ticks every second up to `until`, collecting the peers disconnected. */
function runUntil(node: ChordNode, from: number, until: number): NodeId[] {
  const closed: NodeId[] = [];
  for (let t = from; t <= until; t += 1_000) closed.push(...disconnects(node.tick(t)));
  return closed;
}

describe('links the other side opened and nobody uses', () => {
  it('are kept while they are younger than two finger periods, and closed once they are older', () => {
    const node = nodeWithStrayLink();
    expect(runUntil(node, 1_000, IDLE_MS - 1_000)).to.not.include(id('80'));
    expect(node.snapshot().links).to.include(id('80'));
    expect(runUntil(node, IDLE_MS, IDLE_MS + 3_000)).to.include(id('80'));
    expect(node.snapshot().links).to.not.include(id('80'));
  });

  it('are kept while the other side keeps using them', () => {
    const node = nodeWithStrayLink();
    const closed: NodeId[] = [];
    for (let t = 1_000; t <= 3 * IDLE_MS; t += 1_000) {
      if (t % 5_000 === 0) closed.push(...disconnects(node.receive(id('80'), { type: 'ping', rid: t }, t)));
      closed.push(...disconnects(node.tick(t)));
    }
    expect(closed).to.not.include(id('80'));
    expect(node.snapshot().links).to.include(id('80'));
  });

  it('are left to their opener when fingers go by id (a quiet finger is no stray link there)', () => {
    const node = new ChordNode(id('10'), { ...CONFIG, fingersBy: 'id' }, { rng: createPrng(9) });
    for (const s of [id('20'), id('30'), id('40'), id('f0')]) node.onLinkUp(s, 0);
    node.adoptState({ predecessor: id('f0'), successors: [id('20'), id('30'), id('40')], fingers: [] }, 0);
    node.onLinkUp(id('80'), 0);
    expect(runUntil(node, 1_000, 3 * IDLE_MS)).to.not.include(id('80'));
  });

  it('are kept, however quiet, while a role of ours needs them (here: the predecessor)', () => {
    const node = nodeWithStrayLink();
    // 05 opens a link and rectifies us: it becomes our predecessor over a link it opened.
    node.onLinkUp(id('05'), 500);
    node.receive(id('05'), { type: 'rectify' }, 500);
    expect(node.snapshot().predecessor).to.equal(id('05'));
    expect(runUntil(node, 1_000, 3 * IDLE_MS)).to.not.include(id('05'));
    expect(node.snapshot().links).to.include(id('05'));
  });
});
