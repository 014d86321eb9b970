import { expect } from 'chai';
import { bucketOf, diffSummaries, differingRanges, rangeDigests, splitRange } from '../../../src/dht/replication/digest.ts';
import { inRingRange, type KeySummary, type RingRange } from '../../../src/ports/record-store.ts';
import { asNodeId, type KeyId } from '../../../src/wire/ids.ts';
import type { Rng } from '../../../src/ports/rng.ts';
import { forSeeds, seedRange } from '../records/seeded.ts';
import { edgyId, randomKeyId } from './ring-fixtures.ts';

const FILE = 'test/unit/replication/digest.test.ts';

function randomRange(rng: Rng): RingRange {
  const roll = rng.int(5);
  const a = asNodeId(edgyId(rng));
  if (roll === 0) return { from: a, to: a }; // whole ring
  return { from: a, to: asNodeId(edgyId(rng)) };
}

describe('range digests (anti-entropy)', () => {
  it('splits a range into consecutive arcs that put every key of the range in exactly one bucket', () => {
    forSeeds(FILE, seedRange(500, 30), (rng) => {
      const range = randomRange(rng);
      const buckets = 1 + rng.int(20);
      const parts = splitRange(range, buckets);
      expect(parts[0]!.from).to.equal(range.from);
      expect(parts[buckets - 1]!.to).to.equal(range.to);
      for (let i = 0; i < 200; i++) {
        const key = randomKeyId(rng);
        if (!inRingRange(key, range)) continue;
        const holders = parts.map((p, j) => (p.from !== p.to && inRingRange(key, p) ? j : -1)).filter((j) => j >= 0);
        expect(holders, `${key} in ${JSON.stringify(range)} / ${buckets}`).to.deep.equal([bucketOf(key, range, buckets)]);
      }
    });
  });

  it('finds exactly the keys that differ between two replicas (oracle: set difference)', () => {
    forSeeds(FILE, seedRange(600, 30), (rng) => {
      const range = randomRange(rng);
      const common: KeySummary[] = [];
      for (let i = 0; i < 300; i++) {
        const key = randomKeyId(rng);
        if (inRingRange(key, range)) common.push({ key, fingerprint: `f${rng.int(5)}` });
      }
      const mine = common.filter(() => rng.int(10) !== 0);
      const theirs = common.filter(() => rng.int(10) !== 0).map((s) => (rng.int(15) === 0 ? { ...s, fingerprint: 'changed' } : s));
      const myDigests = rangeDigests(mine, range, 8);
      const theirDigests = rangeDigests(theirs, range, 8);
      const ranges = differingRanges(myDigests, theirDigests);
      const inDiffering = (s: KeySummary): boolean => ranges.some((r) => inRingRange(s.key, r));
      const diff = diffSummaries(mine.filter(inDiffering), theirs.filter(inDiffering));
      const theirMap = new Map(theirs.map((s) => [s.key, s.fingerprint]));
      const myMap = new Map(mine.map((s) => [s.key, s.fingerprint]));
      const expectPush: KeyId[] = mine.filter((s) => theirMap.get(s.key) !== s.fingerprint).map((s) => s.key).sort();
      const expectPull: KeyId[] = theirs.filter((s) => myMap.get(s.key) !== s.fingerprint).map((s) => s.key).sort();
      expect(diff.push).to.deep.equal(expectPush);
      expect(diff.pull).to.deep.equal(expectPull);
      if (expectPush.length === 0 && expectPull.length === 0) expect(ranges).to.deep.equal([]);
    });
  });

  it('gives equal digests for equal contents in any order', () => {
    forSeeds(FILE, seedRange(700, 5), (rng) => {
      const range = randomRange(rng);
      const s = Array.from({ length: 50 }, () => ({ key: randomKeyId(rng), fingerprint: 'x' }));
      expect(rangeDigests(s, range, 4)).to.deep.equal(rangeDigests([...s].reverse(), range, 4));
    });
  });
});
