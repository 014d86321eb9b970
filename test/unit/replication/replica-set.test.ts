import { expect } from 'chai';
import { replicaSet } from '../../../src/dht/replication/replica-set.ts';
import { asKeyId, asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import { forSeeds, seedRange } from '../records/seeded.ts';
import { edgyId, oracleReplicas, randomKeyId, randomNodeId, viewIn } from './ring-fixtures.ts';

const FILE = 'test/unit/replication/replica-set.test.ts';

describe('replicaSet', () => {
  it("matches the oracle from the primary's view [self, ...successors] on seeded random rings", () => {
    forSeeds(FILE, seedRange(300, 30), (rng) => {
      const n = 1 + rng.int(40);
      const sorted = [...new Set(Array.from({ length: n }, () => (rng.int(2) ? randomNodeId(rng) : asNodeId(edgyId(rng)))))].sort();
      const r = 1 + rng.int(4);
      for (let k = 0; k < 50; k++) {
        const key = rng.int(3) === 0 ? asKeyId(edgyId(rng)) : randomKeyId(rng);
        const truth = oracleReplicas(sorted, key, r);
        const primary = truth[0]!;
        const view = viewIn(sorted, primary, r - 1 + rng.int(3));
        expect(replicaSet(key, [primary, ...view.successors], r)).to.deep.equal(truth);
        // Extra knowledge (the predecessor) changes nothing.
        expect(replicaSet(key, [view.predecessor!, primary, ...view.successors].reverse(), r)).to.deep.equal(truth);
      }
    });
  });

  it('counts a node whose id equals the key as its successor, and dedupes', () => {
    const a = asNodeId('1'.repeat(40));
    const b = asNodeId('2'.repeat(40));
    const view: NodeId[] = [b, a, a];
    expect(replicaSet(asKeyId('1'.repeat(40)), view, 3)).to.deep.equal([a, b]);
    expect(replicaSet(asKeyId('3'.repeat(40)), view, 1)).to.deep.equal([a]);
  });
});
