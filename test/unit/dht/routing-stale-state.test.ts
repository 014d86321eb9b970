// Routing over a ring whose state is not yet right, two cases found in the 12-tab e2e runs:
// - signaling must reach a node the ring cannot route to by id (an appendage no member adopted
//   yet): answers went to the owner of its id, which does not know it, and were dropped, so the
//   node never opened the link that would get it adopted;
// - a lookup sent back to its origin by a stale successor list must not make the origin answer
//   for a key its live predecessor owns.
import { expect } from 'chai';
import { id, TinyNet } from './tiny-net.ts';

describe('signals through the ring reach a node the ring has not adopted yet', () => {
  it('the answer goes back by the way the offer came, and arrives', () => {
    const [p, x, q, s] = [id('2'), id('5'), id('8'), id('c')];
    const net = new TinyNet(new Set([[x, q].sort().join(), [x, p].sort().join()]));
    for (const n of [p, x, q, s]) net.add(n);
    // The ring p → q → s → p; x points at s (as an appendage does) and is linked only to s.
    net.node(p).adoptState({ predecessor: s, successors: [q, s], fingers: [] }, 0);
    net.node(q).adoptState({ predecessor: p, successors: [s, p], fingers: [] }, 0);
    net.node(s).adoptState({ predecessor: q, successors: [p, q], fingers: [] }, 0);
    net.node(x).adoptState({ predecessor: null, successors: [s], fingers: [] }, 0);
    net.link(p, q);
    net.link(q, s);
    net.link(s, p);
    net.link(x, s);

    net.apply(x, net.node(x).sendSignal(q, 'offer', 0));
    net.run();
    expect(net.events.get(q)).to.deep.include({ type: 'signal', from: x, data: 'offer' });

    // q answers; routed by x's id it would end at q itself (x lies in q's range) and be dropped.
    net.apply(q, net.node(q).sendSignal(x, 'answer', 0));
    net.run();
    expect(net.events.get(x)).to.deep.include({ type: 'signal', from: q, data: 'answer' });
  });
});

describe('a lookup that comes back to its origin as the presumed owner', () => {
  it('goes on to the origin’s live predecessor when that one owns the key, instead of answering itself', () => {
    // The ring x → y → n → o → x, but y's successor list is stale and skips n (n joined recently).
    const [x, y, n, o] = [id('2'), id('3'), id('6'), id('a')];
    const key = id('4'); // owned by n
    const net = new TinyNet(new Set());
    for (const m of [x, y, n, o]) net.add(m);
    net.node(x).adoptState({ predecessor: o, successors: [y, o], fingers: [] }, 0);
    net.node(y).adoptState({ predecessor: x, successors: [o], fingers: [] }, 0);
    net.node(n).adoptState({ predecessor: y, successors: [o, x], fingers: [] }, 0);
    net.node(o).adoptState({ predecessor: n, successors: [x], fingers: [] }, 0);
    net.link(o, x);
    net.link(x, y);
    net.link(y, o); // y's successor link (o routes only through its own successors and fingers)
    net.link(n, o);

    // o → x → y, and y (stale) sends it back to o as the owner: o must ask n, not answer itself.
    const { lid, effects } = net.node(o).lookup(key, 0);
    net.apply(o, effects);
    net.run();
    const done = net.events.get(o)?.find((e) => e.type === 'lookup_done' && e.lid === lid);
    expect(done, 'lookup answered').to.not.equal(undefined);
    expect(done?.type === 'lookup_done' ? done.owner : null).to.equal(n);
  });
});

describe('a signal for a node whose link is still opening', () => {
  it('goes by way of a live neighbour, not over the link it is meant to open', () => {
    // The ring a → b → c → a; a's link to b is closed, so a must signal b to reopen it.
    const [a, b, c] = [id('1'), id('5'), id('9')];
    const net = new TinyNet(new Set(), (x, y) => [x, y].includes(a) && [x, y].includes(b));
    for (const m of [a, b, c]) net.add(m);
    net.node(a).adoptState({ predecessor: c, successors: [b, c], fingers: [] }, 0);
    net.node(b).adoptState({ predecessor: a, successors: [c, a], fingers: [] }, 0);
    net.node(c).adoptState({ predecessor: b, successors: [a, b], fingers: [] }, 0);
    net.link(b, c);
    net.link(c, a);

    net.apply(a, net.node(a).sendSignal(b, 'hello', 0));
    net.run();
    expect(net.events.get(b)).to.deep.include({ type: 'signal', from: a, data: 'hello' });
  });
});
