// The shared identifier space of the overlay comparison: 32-bit unsigned ring positions held in
// one sorted Uint32Array. Every geometry (ring, XOR tree, digit prefixes) only needs the top ~20
// bits at a million nodes, so 32 bits keep the same routing rules while ids stay plain numbers;
// a prefix of the ids is a contiguous range of the sorted array, which is what lets the static
// tables be computed on demand instead of stored (see docs/overlays.md, "compact representation").

/** Bits in a comparison id. */
export const SPACE_BITS = 32;
/** Size of the id space. */
export const SPACE_SIZE = 2 ** SPACE_BITS;

/** Index of the first id ≥ `x` in `ids` (sorted); `ids.length` when none. */
export function lowerBound(ids: Uint32Array, x: number, lo = 0, hi = ids.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the ring successor of `x` (first id ≥ x, wrapping to 0). */
export function successorIndex(ids: Uint32Array, x: number): number {
  const i = lowerBound(ids, x);
  return i === ids.length ? 0 : i;
}

/** Clockwise distance from `a` to `b` on the 2^32 ring. */
export function ringDistance(a: number, b: number): number {
  return (b - a + SPACE_SIZE) % SPACE_SIZE;
}

/** Circular numeric distance (Pastry's metric). */
export function circularDistance(a: number, b: number): number {
  const d = ringDistance(a, b);
  return Math.min(d, SPACE_SIZE - d);
}

/** True when `x` lies in the open ring interval (a, b). */
export function inOpen(x: number, a: number, b: number): boolean {
  const dx = ringDistance(a, x);
  return dx > 0 && dx < ringDistance(a, b === a ? a + SPACE_SIZE : b);
}

/** XOR distance of two 32-bit ids, unsigned. */
export function xorDistance(a: number, b: number): number {
  return (a ^ b) >>> 0;
}

/** Length of the common bit prefix of two 32-bit ids (32 when equal). */
export function commonPrefixBits(a: number, b: number): number {
  return Math.clz32((a ^ b) >>> 0);
}

/** The range [lo, hi) of sorted ids whose top `bits` bits equal those of `x`. */
export function prefixRange(ids: Uint32Array, x: number, bits: number): [number, number] {
  if (bits <= 0) return [0, ids.length];
  const width = 2 ** (SPACE_BITS - bits);
  const start = Math.floor(x / width) * width;
  const lo = lowerBound(ids, start);
  const hi = lowerBound(ids, start + width, lo);
  return [lo, hi];
}

/**
 * Index of the XOR-closest id to `key`: the node sharing the longest prefix is next to `key` in
 * sorted order, then we descend its subtree bit by bit, preferring the key's own bit.
 */
export function xorClosestIndex(ids: Uint32Array, key: number): number {
  const n = ids.length;
  const s = successorIndex(ids, key);
  const p = (s - 1 + n) % n;
  const best = Math.max(commonPrefixBits(ids[s] ?? 0, key), commonPrefixBits(ids[p] ?? 0, key));
  let [lo, hi] = prefixRange(ids, key, best);
  for (let bit = best; bit < SPACE_BITS && hi - lo > 1; bit++) {
    const half = 2 ** (SPACE_BITS - bit - 1);
    // The subtree's own prefix (after a branch the key lacks, it is no longer the key's prefix).
    const prefixStart = Math.floor((ids[lo] ?? 0) / (half * 2)) * half * 2;
    const mid = lowerBound(ids, prefixStart + half, lo, hi);
    const keyBit = Math.floor(key / half) % 2;
    if (keyBit === 0) {
      if (mid > lo) hi = mid;
      else lo = mid;
    } else if (hi > mid) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Index of the circularly closest id to `key` (ties go clockwise). */
export function numericClosestIndex(ids: Uint32Array, key: number): number {
  const n = ids.length;
  const s = successorIndex(ids, key);
  const p = (s - 1 + n) % n;
  return circularDistance(ids[p] ?? 0, key) < circularDistance(ids[s] ?? 0, key) ? p : s;
}

/**
 * A deterministic 32-bit mix of up to three integers and a seed. Static tables pick "which node
 * of a range" with it, so a table entry is a pure function of (seed, node, slot): the same entry
 * whether it is stored or recomputed.
 */
export function mix32(seed: number, a: number, b = 0, c = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [a, b, c]) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}
