// The bootstrap decision: a newcomer joins through a ring member as soon as one shows, largest
// ring first; among newcomers only, the lowest id starts the ring once it has listened long
// enough, and the others wait for it (with a limit); two rings of one never join each other.
import { expect } from 'chai';
import { membersToJoin, nextBootstrapStep, ringOfOneShouldJoin, type BootstrapView, type SeenPeer } from '../../../src/runtime/bootstrap-step.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

const id = (digit: string) => asNodeId(digit.repeat(40));
const self = id('5');
const view = (peers: SeenPeer[], listenedMs: number | null): BootstrapView => ({ self, peers, listenedMs, discoveryMs: 4_000, lowerNewcomerPatienceMs: 6_000 });

describe('bootstrap step', function () {
  it('joins through members, the largest ring first and then by id, skipping newcomers', function () {
    const peers = [
      { id: id('1'), ring: 0 },
      { id: id('9'), ring: 3 },
      { id: id('7'), ring: 12 },
      { id: id('2'), ring: 3 },
    ];
    expect(nextBootstrapStep(view(peers, 10))).to.deep.equal({ kind: 'join', via: [id('7'), id('2'), id('9')] });
    expect(membersToJoin([{ id: self, ring: 4 }], self)).to.deep.equal([]);
  });

  it('joins through a member even before the relay is up (a BroadcastChannel peer)', function () {
    expect(nextBootstrapStep(view([{ id: id('9'), ring: 1 }], null))).to.deep.equal({ kind: 'join', via: [id('9')] });
    expect(nextBootstrapStep(view([], null))).to.include({ kind: 'wait', reason: 'relay' });
  });

  it('the lowest newcomer listens for the whole discovery wait, then starts the ring', function () {
    const newcomers = [
      { id: id('8'), ring: 0 },
      { id: id('9'), ring: 0 },
    ];
    expect(nextBootstrapStep(view(newcomers, 1_000))).to.include({ kind: 'wait', reason: 'listening' });
    expect(nextBootstrapStep(view(newcomers, 3_950))).to.deep.equal({ kind: 'wait', ms: 50, reason: 'listening' });
    expect(nextBootstrapStep(view(newcomers, 4_000))).to.deep.equal({ kind: 'create' });
    expect(nextBootstrapStep(view([], 4_000))).to.deep.equal({ kind: 'create' });
  });

  it('a newcomer above another waits for it to start the ring, but not forever', function () {
    const lower = [{ id: id('1'), ring: 0 }];
    expect(nextBootstrapStep(view(lower, 4_000))).to.include({ kind: 'wait', reason: 'lower-newcomer' });
    expect(nextBootstrapStep(view(lower, 9_999))).to.include({ kind: 'wait', reason: 'lower-newcomer' });
    expect(nextBootstrapStep(view(lower, 10_000))).to.deep.equal({ kind: 'create' });
    // Once the lower tab says it is on a ring, join through it.
    expect(nextBootstrapStep(view([{ id: id('1'), ring: 1 }], 4_000))).to.deep.equal({ kind: 'join', via: [id('1')] });
  });

  it('a ring of one joins a bigger ring, or a ring of one with a lower id, never a newcomer', function () {
    expect(ringOfOneShouldJoin(self, { id: id('9'), ring: 2 })).to.equal(true);
    expect(ringOfOneShouldJoin(self, { id: id('1'), ring: 1 })).to.equal(true);
    expect(ringOfOneShouldJoin(self, { id: id('9'), ring: 1 })).to.equal(false);
    expect(ringOfOneShouldJoin(self, { id: id('1'), ring: 0 })).to.equal(false);
    expect(ringOfOneShouldJoin(self, { id: self, ring: 5 })).to.equal(false);
    // Two rings of one: exactly one of them joins the other.
    const a = id('3');
    const b = id('4');
    expect([ringOfOneShouldJoin(a, { id: b, ring: 1 }), ringOfOneShouldJoin(b, { id: a, ring: 1 })]).to.deep.equal([false, true]);
  });
});
