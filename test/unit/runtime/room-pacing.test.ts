import { expect } from 'chai';
import { RoomPacer } from '../../../src/runtime/room-pacing.ts';

const pacing = { greeterSettleMs: 3_000, rejoinGapMs: 10_000 };

describe('RoomPacer', () => {
  it('keeps a greeter that never left in the room, and sends a member that is no greeter out', () => {
    const pacer = new RoomPacer(pacing);
    expect(pacer.next(0, { inRoom: true, greeter: true })).to.deep.equal({ kind: 'stay' });
    expect(pacer.next(100, { inRoom: true, greeter: false })).to.deep.equal({ kind: 'leave' });
    expect(pacer.next(200, { inRoom: false, greeter: false })).to.deep.equal({ kind: 'stay' });
  });

  it('takes a member back in as a greeter only once the role has held for the settle time', () => {
    const pacer = new RoomPacer(pacing);
    expect(pacer.next(0, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'recheck', inMs: 3_000 });
    expect(pacer.next(1_000, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'recheck', inMs: 2_000 });
    expect(pacer.next(3_000, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'join' });
  });

  it('starts the settle time again when the role flickers off and on', () => {
    const pacer = new RoomPacer(pacing);
    pacer.next(0, { inRoom: false, greeter: true });
    pacer.next(2_000, { inRoom: false, greeter: false });
    expect(pacer.next(2_500, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'recheck', inMs: 3_000 });
    expect(pacer.next(5_500, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'join' });
  });

  it('waits out the gap after leaving, even for a role that has long settled', () => {
    const pacer = new RoomPacer(pacing);
    pacer.left(10_000);
    pacer.next(0, { inRoom: false, greeter: true });
    expect(pacer.next(12_000, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'recheck', inMs: 8_000 });
    expect(pacer.next(20_000, { inRoom: false, greeter: true })).to.deep.equal({ kind: 'join' });
  });

  it('bounds the joins of a role that flickers for a minute to one per gap', () => {
    const pacer = new RoomPacer(pacing);
    let inRoom = false;
    let joins = 0;
    for (let now = 0; now < 60_000; now += 250) {
      const greeter = Math.floor(now / 4_000) % 2 === 0; // greeter for 4 s, then not, and so on
      const move = pacer.next(now, { inRoom, greeter });
      if (move.kind === 'join') {
        inRoom = true;
        joins++;
      } else if (move.kind === 'leave') {
        inRoom = false;
        pacer.left(now);
      }
    }
    // Unpaced, it would go in 8 times (each greeter spell); paced, once the gap after each leave is over.
    expect(joins).to.be.at.most(4);
  });
});
