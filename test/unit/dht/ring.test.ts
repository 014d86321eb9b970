import { expect } from 'chai';
import { inHalfOpen, inOpen, fingerOffsets, addToId, ringFraction } from '../../../src/dht/ring.ts';
import { createPrng, randomHex } from '../../../src/dht/prng.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import { RingOracle } from '../../../src/sim/oracle.ts';

const SEED = Number(globalThis.process?.env?.['RING_SEED'] ?? 424242);
const replay = `RING_SEED=${SEED} npx mocha --no-config --node-option import=tsx test/unit/dht/ring.test.ts`;

describe('ring math (laws against a sorted-array oracle)', () => {
  const rng = createPrng(SEED);
  const id = (): NodeId => asNodeId(randomHex(rng, 40));

  it('(a, b] and (a, b) agree with the definition on random ids, wrap-around included', () => {
    for (let i = 0; i < 20_000; i++) {
      const [a, b, x] = [id(), id(), id()];
      const sorted = [a, b].sort();
      const expectedHalf = a < b ? a < x && x <= b : a > b ? x > a || x <= b : true;
      expect(inHalfOpen(x, a, b), `seed ${SEED}: ${replay}`).to.equal(expectedHalf);
      expect(inOpen(x, a, b), replay).to.equal(inHalfOpen(x, a, b) && x !== b);
      // Complement law: x is in exactly one of (a, b] and (b, a] unless a = b.
      if (a !== b) expect(inHalfOpen(x, a, b) !== inHalfOpen(x, b, a), replay).to.equal(true);
      void sorted;
    }
  });

  it('the owner of a key is the first id at or after it, agreeing with (pred, owner]', () => {
    const oracle = new RingOracle();
    const ids = Array.from({ length: 200 }, id);
    for (const n of ids) oracle.add(n);
    for (let i = 0; i < 5_000; i++) {
      const key = id();
      const owner = oracle.owner(key);
      expect(inHalfOpen(key, oracle.predecessor(owner), owner), replay).to.equal(true);
      expect(oracle.successor(oracle.predecessor(owner)), replay).to.equal(owner);
    }
  });

  it('ringFraction is exactly the top 52 bits of (b − a) mod 2^160, wrap-around and near-equal ids included', () => {
    const exact = (a: string, b: string): number => Number((((BigInt(`0x${b}`) - BigInt(`0x${a}`)) % (1n << 160n) + (1n << 160n)) % (1n << 160n)) >> 108n) / 2 ** 52;
    for (let i = 0; i < 20_000; i++) {
      const a = id();
      // Every fourth pair shares its top digits, so the borrow from the lower digits is exercised.
      const b = i % 4 === 0 ? asNodeId(a.slice(0, 13) + randomHex(rng, 27)) : id();
      expect(ringFraction(a, b), `${a} ${b} — ${replay}`).to.equal(exact(a, b));
      expect(ringFraction(a, a)).to.equal(0);
    }
  });

  it('finger offsets: base 2 gives the classic m fingers, base 8 gives 7 per level, farthest first', () => {
    expect(fingerOffsets(2)).to.have.length(160);
    const base8 = fingerOffsets(8);
    expect(base8[0]).to.equal(4n << 157n);
    for (let i = 1; i < base8.length; i++) expect((base8[i] as bigint) < (base8[i - 1] as bigint)).to.equal(true);
    expect(addToId(asNodeId('f'.repeat(40)), 1n)).to.equal('0'.repeat(40));
  });
});
