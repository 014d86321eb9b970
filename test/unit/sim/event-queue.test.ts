import { expect } from 'chai';
import { EventQueue } from '../../../src/sim/event-queue.ts';
import { createPrng } from '../../../src/dht/prng.ts';

describe('EventQueue', () => {
  it('pops by time, then by scheduling order (seeded random schedule against a sorted oracle)', () => {
    const seed = 20261124;
    const rng = createPrng(seed);
    const q = new EventQueue<number>();
    const oracle: { at: number; seq: number }[] = [];
    for (let seq = 0; seq < 5000; seq++) {
      const at = rng.int(100);
      q.push(at, seq);
      oracle.push({ at, seq });
    }
    oracle.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const expected of oracle) {
      expect(q.pop(), `seed ${seed}`).to.equal(expected.seq);
      expect(q.now).to.equal(expected.at);
    }
    expect(q.pop()).to.equal(undefined);
  });

  it('never schedules into the past', () => {
    const q = new EventQueue<string>();
    q.push(10, 'a');
    q.pop();
    q.push(5, 'b');
    expect(q.peekTime()).to.equal(10);
  });
});
