import { expect } from 'chai';
import { createPrng } from '../../../src/dht/prng.ts';
import {
  circularDistance, commonPrefixBits, numericClosestIndex, prefixRange, ringDistance, successorIndex, xorClosestIndex, xorDistance,
} from '../../../src/sim/overlays/id-space.ts';
import { randomIds } from '../../../src/sim/overlays/world.ts';
import { forSeeds } from './seeded.ts';

const FILE = 'test/unit/overlays/id-space.test.ts';

/** The brute-force oracle: index of the id minimising `metric`, first on ties. */
function argmin(ids: Uint32Array, metric: (id: number) => number): number {
  let best = 0;
  for (let i = 1; i < ids.length; i++) if (metric(ids[i] ?? 0) < metric(ids[best] ?? 0)) best = i;
  return best;
}

describe('overlays: 32-bit id space agrees with brute-force oracles', () => {
  it('successor, XOR-closest and numerically closest match a linear scan over seeded random ids', () => {
    forSeeds(FILE, [1, 2, 3, 4, 5], (seed) => {
      const rng = createPrng(seed);
      const ids = randomIds(rng, 1 + rng.int(300));
      for (let t = 0; t < 300; t++) {
        // Half the keys are node ids themselves (edge: exact hits).
        const key = t % 2 === 0 ? Math.floor(rng.next() * 2 ** 32) : (ids[rng.int(ids.length)] ?? 0);
        expect(successorIndex(ids, key), 'successor').to.equal(argmin(ids, (id) => ringDistance(key, id)));
        expect(xorClosestIndex(ids, key), 'xor').to.equal(argmin(ids, (id) => xorDistance(id, key)));
        const nc = numericClosestIndex(ids, key);
        expect(circularDistance(ids[nc] ?? 0, key), 'numeric').to.equal(circularDistance(ids[argmin(ids, (id) => circularDistance(id, key))] ?? 0, key));
      }
    });
  });

  it('a prefix range holds exactly the ids sharing that prefix', () => {
    forSeeds(FILE, [7, 8, 9], (seed) => {
      const rng = createPrng(seed);
      const ids = randomIds(rng, 500);
      for (let t = 0; t < 100; t++) {
        const x = ids[rng.int(ids.length)] ?? 0;
        const bits = rng.int(33);
        const [lo, hi] = prefixRange(ids, x, bits);
        for (let i = 0; i < ids.length; i++) {
          expect(i >= lo && i < hi, `index ${i}, ${bits} bits`).to.equal(commonPrefixBits(ids[i] ?? 0, x) >= bits);
        }
      }
    });
  });
});
