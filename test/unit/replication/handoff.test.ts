// Handoff and re-replication against an oracle: a seeded random ring holds keys on their true
// replica sets; then nodes fail (up to R−1 at once) or join (one at a time); every live node runs
// the plans from its own local view only; afterwards every key must sit on all R nodes of its new
// replica set (the oracle's), and no acknowledged key may be lost.
import { expect } from 'chai';
import { joinPullRange, rereplicationPlan, type NeighbourView } from '../../../src/dht/replication/handoff.ts';
import { inRingRange } from '../../../src/ports/record-store.ts';
import type { KeyId, NodeId } from '../../../src/wire/ids.ts';
import { forSeeds, seedRange } from '../records/seeded.ts';
import { oracleReplicas, randomKeyId, randomNodeId, viewIn } from './ring-fixtures.ts';

const FILE = 'test/unit/replication/handoff.test.ts';

describe('handoff and re-replication plans (oracle: true replica sets)', () => {
  for (const r of [2, 3, 4]) {
    it(`restores R = ${r} copies after up to R−1 simultaneous failures and after joins`, () => {
      forSeeds(FILE, seedRange(800 + r * 100, 25), (rng) => {
        const successors = r - 1 + rng.int(3);
        let ring = [...new Set(Array.from({ length: r + 2 + rng.int(30) }, () => randomNodeId(rng)))].sort();
        const held = new Map<NodeId, Set<KeyId>>(ring.map((n) => [n, new Set<KeyId>()]));
        const keys = Array.from({ length: 200 }, () => randomKeyId(rng));
        for (const k of keys) for (const n of oracleReplicas(ring, k, r)) held.get(n)!.add(k);

        const check = (when: string): void => {
          for (const k of keys) {
            for (const n of oracleReplicas(ring, k, r)) {
              expect(held.get(n)!.has(k), `${when}: key ${k} missing on replica ${n}`).to.equal(true);
            }
          }
        };
        const repair = (before: ReadonlyMap<NodeId, NeighbourView>): void => {
          // Every live node plans from its own views, against what it holds now; transfers then land.
          const sends: { to: NodeId; keys: KeyId[] }[] = [];
          for (const self of ring) {
            const after = viewIn(ring, self, successors);
            sends.push(...rereplicationPlan(self, [...held.get(self)!], before.get(self), after, r));
          }
          for (const s of sends) for (const k of s.keys) held.get(s.to)!.add(k);
        };
        const viewsOf = (): Map<NodeId, NeighbourView> => new Map(ring.map((n) => [n, viewIn(ring, n, successors)]));

        for (let round = 0; round < 6; round++) {
          const before = viewsOf();
          if (rng.int(2) === 0 && ring.length > r + 1) {
            const failures = 1 + rng.int(r - 1);
            for (let f = 0; f < failures; f++) {
              const dead = ring[rng.int(ring.length)]!;
              ring = ring.filter((n) => n !== dead);
              held.delete(dead);
            }
            repair(before);
            check(`round ${round}, after ${failures} failures`);
          } else {
            const joiner = randomNodeId(rng);
            if (held.has(joiner)) continue;
            ring = [...ring, joiner].sort();
            held.set(joiner, new Set());
            const view = viewIn(ring, joiner, successors);
            const range = joinPullRange(joiner, view.predecessor!);
            const successor = view.successors[0]!;
            for (const k of held.get(successor)!) if (inRingRange(k, range)) held.get(joiner)!.add(k);
            repair(before);
            check(`round ${round}, after join of ${joiner}`);
          }
        }
      });
    });
  }

  it('at scale (1,000 nodes, 10^4 keys, R = 3): R−1 random simultaneous failures lose nothing; R adjacent failures lose exactly the keys they all held', () => {
    forSeeds(FILE, seedRange(1400, 3), (rng) => {
      const r = 3;
      let ring = [...new Set(Array.from({ length: 1000 }, () => randomNodeId(rng)))].sort();
      const held = new Map<NodeId, Set<KeyId>>(ring.map((n) => [n, new Set<KeyId>()]));
      const keys = Array.from({ length: 10_000 }, () => randomKeyId(rng));
      for (const k of keys) for (const n of oracleReplicas(ring, k, r)) held.get(n)!.add(k);
      const before = new Map(ring.map((n) => [n, viewIn(ring, n, r + 1)]));

      // R−1 simultaneous random failures, then one repair round from local views.
      const dead = new Set<NodeId>();
      while (dead.size < r - 1) dead.add(ring[rng.int(ring.length)]!);
      ring = ring.filter((n) => !dead.has(n));
      for (const d of dead) held.delete(d);
      const sends = ring.flatMap((self) => rereplicationPlan(self, [...held.get(self)!], before.get(self), viewIn(ring, self, r + 1), r));
      for (const s of sends) for (const k of s.keys) held.get(s.to)!.add(k);
      let missing = 0;
      for (const k of keys) for (const n of oracleReplicas(ring, k, r)) if (!held.get(n)!.has(k)) missing++;
      expect(missing, 'replica slots missing after repair').to.equal(0);

      // Contrast: R adjacent nodes fail at once; the keys whose whole replica set died are gone.
      const at = rng.int(ring.length - r);
      const gone = ring.slice(at, at + r);
      const lostExpected = keys.filter((k) => gone.every((g) => held.get(g)!.has(k))).length;
      const survivors = ring.filter((n) => !gone.includes(n));
      const kept = new Set<KeyId>();
      for (const n of survivors) for (const k of held.get(n)!) kept.add(k);
      const lost = keys.filter((k) => !kept.has(k)).length;
      expect(lost).to.equal(lostExpected);
    });
  });

  it('sends nothing when nothing changed', () => {
    forSeeds(FILE, seedRange(1300, 5), (rng) => {
      const ring = [...new Set(Array.from({ length: 10 }, () => randomNodeId(rng)))].sort();
      const keys = Array.from({ length: 50 }, () => randomKeyId(rng));
      for (const self of ring) {
        const view = viewIn(ring, self, 3);
        expect(rereplicationPlan(self, keys, view, view, 3)).to.deep.equal([]);
      }
    });
  });
});
