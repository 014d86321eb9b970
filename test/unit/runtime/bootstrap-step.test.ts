// The bootstrap decision: a newcomer joins through a ring member as soon as one shows, largest
// ring first; among newcomers only, the lowest id starts the ring once it has listened long
// enough, and the others wait for it (with a limit); two rings of one never join each other.
import { expect } from 'chai';
import { membersToJoin, nextBootstrapStep, ringOfOneShouldJoin, type BootstrapView, type SeenPeer } from '../../../src/runtime/bootstrap-step.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';

const id = (digit: string) => asNodeId(digit.repeat(40));
const self = id('5');
const view = (peers: SeenPeer[], listenedMs: number | null, announcers: BootstrapView['announcers'] = null): BootstrapView => ({
  self,
  peers,
  listenedMs,
  discoveryMs: 4_000,
  lowerNewcomerPatienceMs: 6_000,
  announcers,
  firstAnnouncerPatienceMs: 20_000,
  rankStaggerMs: 2_000,
  roomQuietMs: 1_500,
});

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
    expect(nextBootstrapStep(view(newcomers, 4_000))).to.deep.equal({ kind: 'create', reason: 'first' });
    expect(nextBootstrapStep(view([], 4_000))).to.deep.equal({ kind: 'create', reason: 'alone' });
  });

  it('a newcomer above another waits for it to start the ring, but not forever', function () {
    const lower = [{ id: id('1'), ring: 0 }];
    expect(nextBootstrapStep(view(lower, 4_000))).to.include({ kind: 'wait', reason: 'lower-newcomer' });
    expect(nextBootstrapStep(view(lower, 9_999))).to.include({ kind: 'wait', reason: 'lower-newcomer' });
    expect(nextBootstrapStep(view(lower, 10_000))).to.deep.equal({ kind: 'create', reason: 'lower-never-started' });
    // Once the lower tab says it is on a ring, join through it.
    expect(nextBootstrapStep(view([{ id: id('1'), ring: 1 }], 4_000))).to.deep.equal({ kind: 'join', via: [id('1')] });
  });

  it('of tabs heard announcing together, the first starts the ring once the room is quiet (after the discovery wait at most), the rest wait for a member', function () {
    const first = { lower: 0, higher: 30, quietMs: 0 };
    expect(nextBootstrapStep(view([], 3_999, first))).to.include({ kind: 'wait', reason: 'listening' });
    expect(nextBootstrapStep(view([], 4_000, first)), 'tabs still arriving, but the discovery wait is over').to.deep.equal({ kind: 'create', reason: 'first' });
    expect(nextBootstrapStep(view([], 1_600, { ...first, quietMs: 1_499 }))).to.include({ kind: 'wait', reason: 'listening' });
    expect(nextBootstrapStep(view([], 1_600, { ...first, quietMs: 1_500 })), 'nobody new for 1.5 s').to.deep.equal({ kind: 'create', reason: 'first' });
    expect(nextBootstrapStep(view([], 1_499, { ...first, quietMs: 1_500 })), 'quiet, but not listened that long').to.include({ kind: 'wait', reason: 'listening' });
    const later = { lower: 1, higher: 29, quietMs: 10_000 };
    expect(nextBootstrapStep(view([], 4_000, later))).to.include({ kind: 'wait', reason: 'first-announcer' });
    expect(nextBootstrapStep(view([], 23_999, later))).to.include({ kind: 'wait', reason: 'first-announcer' });
    // The first one never showed up as a member: start a ring after all (rings merge later).
    expect(nextBootstrapStep(view([], 24_000, later))).to.deep.equal({ kind: 'create', reason: 'first-never-showed' });
    // As soon as a member shows, join through it.
    expect(nextBootstrapStep(view([{ id: id('9'), ring: 1 }], 2_000, later))).to.deep.equal({ kind: 'join', via: [id('9')] });
  });

  it('when the first never shows, the tabs after it start rings one at a time, in the room order', function () {
    const second = { lower: 1, higher: 29, quietMs: 10_000 };
    const third = { lower: 2, higher: 28, quietMs: 10_000 };
    const last = { lower: 30, higher: 0, quietMs: 10_000 };
    expect(nextBootstrapStep(view([], 24_000, second))).to.deep.equal({ kind: 'create', reason: 'first-never-showed' });
    expect(nextBootstrapStep(view([], 24_000, third)), 'the second has just started one').to.include({ kind: 'wait', reason: 'first-announcer' });
    expect(nextBootstrapStep(view([], 26_000, third))).to.deep.equal({ kind: 'create', reason: 'first-never-showed' });
    // The wait stops growing after MAX_STAGGERED_RANKS: 24 s + 8 × 2 s.
    expect(nextBootstrapStep(view([], 39_999, last))).to.include({ kind: 'wait', reason: 'first-announcer' });
    expect(nextBootstrapStep(view([], 40_000, last))).to.deep.equal({ kind: 'create', reason: 'first-never-showed' });
    // Whoever shows up as a member first is joined, at any rank.
    expect(nextBootstrapStep(view([{ id: id('9'), ring: 1 }], 30_000, last))).to.deep.equal({ kind: 'join', via: [id('9')] });
  });

  it('the room order (trystero ids) overrides the node-id order, so two tabs never wait for each other', function () {
    // A newcomer with a lower node id is in the room, but the room puts us first.
    const lowerById = [{ id: id('1'), ring: 0 }];
    expect(nextBootstrapStep(view(lowerById, 4_000, { lower: 0, higher: 1, quietMs: 0 }))).to.deep.equal({ kind: 'create', reason: 'first' });
    // Heard nobody at all (only the BroadcastChannel's tabs, say): alone, after the full discovery
    // however quiet the room (a ring's greeter may be slow to answer).
    expect(nextBootstrapStep(view([], 3_999, { lower: 0, higher: 0, quietMs: 3_999 }))).to.include({ kind: 'wait', reason: 'listening' });
    expect(nextBootstrapStep(view([], 4_000, { lower: 0, higher: 0, quietMs: 4_000 }))).to.deep.equal({ kind: 'create', reason: 'alone' });
  });

  it('a ring of one joins a bigger ring, or a ring of one with a lower id, never a newcomer', function () {
    const alone = { self, successors: [], predecessor: null };
    expect(ringOfOneShouldJoin(alone, { id: id('9'), ring: 2 })).to.equal(true);
    expect(ringOfOneShouldJoin(alone, { id: id('1'), ring: 1 })).to.equal(true);
    expect(ringOfOneShouldJoin(alone, { id: id('9'), ring: 1 })).to.equal(false);
    expect(ringOfOneShouldJoin(alone, { id: id('1'), ring: 0 })).to.equal(false);
    expect(ringOfOneShouldJoin(alone, { id: self, ring: 5 })).to.equal(false);
    // Two rings of one: exactly one of them joins the other.
    const a = id('3');
    const b = id('4');
    const ringOf = (x: NodeId) => ({ self: x, successors: [], predecessor: null });
    expect([ringOfOneShouldJoin(ringOf(a), { id: b, ring: 1 }), ringOfOneShouldJoin(ringOf(b), { id: a, ring: 1 })]).to.deep.equal([false, true]);
  });

  it('a node that somebody joined is no ring of one, even before it has a successor', function () {
    // The joiner says "ring of two" in the room before its rectify reaches us: that ring is ours.
    const joiner = id('9');
    expect(ringOfOneShouldJoin({ self, successors: [], predecessor: joiner }, { id: joiner, ring: 2 })).to.equal(false);
    expect(ringOfOneShouldJoin({ self, successors: [joiner], predecessor: null }, { id: id('1'), ring: 5 })).to.equal(false);
  });
});
