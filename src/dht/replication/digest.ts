// Anti-entropy digests (DESIGN.md §6): neighbours compare a hash per ring sub-range, then swap
// (key, fingerprint) lists only for the sub-ranges that differ, then transfer only the keys whose
// fingerprints differ. Both sides split (from, to] into the same `buckets` equal arcs, so their
// digests line up index by index.
import type { KeyId, RingId } from '../../wire/ids.ts';
import type { KeySummary, RangeDigest, RingRange } from '../../ports/record-store.ts';
import { inRingRange } from '../../ports/record-store.ts';
import { hash64 } from '../records/bytes.ts';
import { clockwise, fromBig, rangeSpan, toBig } from './ring-arith.ts';

/**
 * Default sub-ranges per digest: 16. With ~10^4 keys per node range that is ~600 keys per bucket;
 * a single changed key costs one 16-digest exchange plus one bucket's summaries (~30 KiB).
 */
export const DIGEST_BUCKETS = 16;

/** (from, to] cut into `buckets` consecutive arcs of (nearly) equal length. */
export function splitRange(range: RingRange, buckets: number): RingRange[] {
  const span = rangeSpan(range.from, range.to);
  const start = toBig(range.from);
  const bounds: RingId[] = [];
  for (let i = 0; i <= buckets; i++) bounds.push(fromBig(start + (span * BigInt(i)) / BigInt(buckets)) as RingId);
  // The last bound is `to` itself (span·b/b = span), also when the range is the whole ring.
  const parts: RingRange[] = [];
  for (let i = 0; i < buckets; i++) parts.push({ from: bounds[i]!, to: bounds[i + 1]! });
  return parts;
}

/** Index of the sub-range of splitRange(range, buckets) that holds `key` (which must lie in range). */
export function bucketOf(key: RingId, range: RingRange, buckets: number): number {
  const span = rangeSpan(range.from, range.to);
  const offset = clockwise(range.from, key); // in (0, span] for keys in range; 0 means `to` on a whole ring
  const o = offset === 0n ? span : offset;
  // Bucket i holds offsets (span·i/b, span·(i+1)/b]; find it from the floor and correct at the edges.
  let i = Number(((o - 1n) * BigInt(buckets)) / span);
  while (i > 0 && o <= (span * BigInt(i)) / BigInt(buckets)) i--;
  while (i < buckets - 1 && o > (span * BigInt(i + 1)) / BigInt(buckets)) i++;
  return i;
}

function hashPairs(pairs: readonly KeySummary[]): string {
  let text = '';
  for (const p of pairs) text += `${p.key}:${p.fingerprint}\n`;
  return hash64(text);
}

/** One digest per sub-range of `range`; summaries outside the range are ignored. */
export function rangeDigests(summaries: readonly KeySummary[], range: RingRange, buckets: number = DIGEST_BUCKETS): RangeDigest[] {
  const parts = splitRange(range, buckets);
  const groups: KeySummary[][] = parts.map(() => []);
  for (const s of summaries) {
    if (!inRingRange(s.key, range)) continue;
    groups[bucketOf(s.key, range, buckets)]!.push(s);
  }
  return parts.map((part, i) => {
    const group = groups[i]!.slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { range: part, count: group.length, hash: hashPairs(group) };
  });
}

/** Sub-ranges whose digests differ (all of `theirs`' ranges when the two lists do not line up). */
export function differingRanges(mine: readonly RangeDigest[], theirs: readonly RangeDigest[]): RingRange[] {
  const aligned = mine.length === theirs.length && mine.every((d, i) => d.range.from === theirs[i]!.range.from && d.range.to === theirs[i]!.range.to);
  if (!aligned) return theirs.map((d) => d.range);
  return theirs.filter((d, i) => d.hash !== mine[i]!.hash || d.count !== mine[i]!.count).map((d) => d.range);
}

export interface SummaryDiff {
  /** Keys I should send: they lack them, or their record differs. */
  push: KeyId[];
  /** Keys I should fetch: I lack them, or my record differs. Differing keys are in both lists (merge is a join). */
  pull: KeyId[];
}

export function diffSummaries(mine: readonly KeySummary[], theirs: readonly KeySummary[]): SummaryDiff {
  const theirMap = new Map(theirs.map((s) => [s.key, s.fingerprint]));
  const myMap = new Map(mine.map((s) => [s.key, s.fingerprint]));
  const push: KeyId[] = [];
  const pull: KeyId[] = [];
  for (const [key, fp] of myMap) if (theirMap.get(key) !== fp) push.push(key);
  for (const [key, fp] of theirMap) if (myMap.get(key) !== fp) pull.push(key);
  return { push: push.sort(), pull: pull.sort() };
}
