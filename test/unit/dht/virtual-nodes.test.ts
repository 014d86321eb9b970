// Virtual nodes as a core option: positions derived from the node id, and the position a host
// starts a lookup from, checked by their laws against a sorted-array oracle over seeded ids.
import { expect } from 'chai';
import { createPrng, randomHex } from '../../../src/dht/prng.ts';
import { concatBytes, fromHex, toHex, u32be } from '../../../src/dht/records/bytes.ts';
import { sha256 } from '../../../src/dht/records/sha256.ts';
import { inHalfOpen } from '../../../src/dht/ring.ts';
import { resolveVirtualNodes, startPosition, virtualNodeIds } from '../../../src/dht/virtual-nodes.ts';
import { RingOracle } from '../../../src/sim/oracle.ts';
import { asKeyId, asNodeId, isRingId, type NodeId } from '../../../src/wire/ids.ts';

const SEED = Number(globalThis.process?.env?.['VNODE_SEED'] ?? 2718);
const replay = `seed ${SEED}: VNODE_SEED=${SEED} npx mocha --no-config --node-option import=tsx test/unit/dht/virtual-nodes.test.ts`;

describe('virtual nodes (ring positions per host)', () => {
  const rng = createPrng(SEED);
  const id = (): NodeId => asNodeId(randomHex(rng, 40));

  it('position 0 is the node id; the others are SHA-256(id ‖ j) cut to 160 bits, distinct and stable', () => {
    for (let i = 0; i < 200; i++) {
      const base = id();
      const ids = virtualNodeIds(base, 20);
      expect(ids[0], replay).to.equal(base);
      expect(new Set(ids).size, replay).to.equal(20);
      for (const v of ids) expect(isRingId(v), replay).to.equal(true);
      expect(virtualNodeIds(base, 20), replay).to.deep.equal(ids);
      expect(virtualNodeIds(base, 5), replay).to.deep.equal(ids.slice(0, 5));
    }
    const base = asNodeId('00'.repeat(20));
    expect(virtualNodeIds(base, 2)[1]).to.equal(toHex(sha256(concatBytes([fromHex(base) ?? new Uint8Array(), u32be(1)]))).slice(0, 40));
  });

  it('a lookup starts from the position at or most closely before the key (agrees with the oracle)', () => {
    for (let i = 0; i < 2000; i++) {
      const positions = virtualNodeIds(id(), 1 + rng.int(10));
      const key = asKeyId(randomHex(rng, 40));
      const start = startPosition(positions, key);
      // No other position lies in (start, key]: start is the owner of key among the host's positions
      // when the ring is read backwards, i.e. the oracle's predecessor-or-equal of the key.
      const oracle = new RingOracle();
      for (const p of positions) oracle.add(p);
      const owner = oracle.owner(key);
      const expected = (owner as string) === (key as string) ? owner : positions.length === 1 ? positions[0] : oracle.predecessor(owner);
      expect(start, replay).to.equal(expected);
      for (const p of positions) if (p !== start) expect(inHalfOpen(p, start, key) && p !== start, replay).to.equal(false);
    }
    const [only] = virtualNodeIds(id(), 1);
    expect(startPosition([only as NodeId], asKeyId(only as string))).to.equal(only);
  });

  it('the option accepts 1 … 64 positions and defaults to 1', () => {
    expect(resolveVirtualNodes()).to.equal(1);
    expect(resolveVirtualNodes({ virtualNodes: 20 })).to.equal(20);
    expect(() => resolveVirtualNodes({ virtualNodes: 0 })).to.throw();
    expect(() => resolveVirtualNodes({ virtualNodes: 2.5 })).to.throw();
    expect(() => resolveVirtualNodes({ virtualNodes: 65 })).to.throw();
  });
});
