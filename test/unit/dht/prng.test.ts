import { expect } from 'chai';
import { createPrng, exponential, randomHex } from '../../../src/dht/prng.ts';

describe('prng', () => {
  it('replays the same sequence from the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    for (let i = 0; i < 1000; i++) expect(a.next()).to.equal(b.next());
  });

  it('draws uniformly in [0, 1) and in [0, n)', () => {
    const rng = createPrng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      expect(x).to.be.at.least(0).and.below(1);
      buckets[rng.int(10)]!++;
    }
    for (const b of buckets) expect(b).to.be.within(9_500, 10_500);
  });

  it('gives independent forks and exponential samples with the right mean', () => {
    const rng = createPrng(1);
    const f1 = rng.fork();
    const f2 = rng.fork();
    expect(f1.next()).not.to.equal(f2.next());
    let sum = 0;
    for (let i = 0; i < 50_000; i++) sum += exponential(rng, 10);
    expect(sum / 50_000).to.be.within(9.7, 10.3);
    expect(randomHex(rng, 40)).to.match(/^[0-9a-f]{40}$/);
  });
});
