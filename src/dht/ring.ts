// Ring math on fixed-width hex ids (DESIGN.md §2). Intervals are half-open or open and wrap
// around zero; an interval whose ends are equal is the whole ring (minus the end, for open ones),
// which is what a single-node ring needs. Tested by its laws against a sorted-array oracle.
import { ID_BITS, ID_HEX_LENGTH, type RingId } from '../wire/ids.ts';

/** x ∈ (a, b]: the keys a node b owns when its predecessor is a. */
export function inHalfOpen(x: RingId, a: RingId, b: RingId): boolean {
  if (a < b) return a < x && x <= b;
  if (a > b) return x > a || x <= b;
  return true;
}

/** x ∈ (a, b): strictly between a and b going clockwise. */
export function inOpen(x: RingId, a: RingId, b: RingId): boolean {
  if (a < b) return a < x && x < b;
  if (a > b) return x > a || x < b;
  return x !== a;
}

const RING = 1n << BigInt(ID_BITS);

function toBig(id: string): bigint {
  return BigInt(`0x${id}`);
}

function toHex(value: bigint): string {
  return value.toString(16).padStart(ID_HEX_LENGTH, '0');
}

/** (id + offset) mod 2^m, for finger starts. */
export function addToId<T extends RingId>(id: RingId, offset: bigint): T {
  return toHex((toBig(id) + offset) % RING) as T;
}

const TOP_HEX = 13; // 52 bits: the top of an id that a double holds exactly

/**
 * Clockwise distance from a to b as a fraction of the ring in [0, 1): exactly the top 52 bits of
 * (b − a) mod 2^m, computed on doubles (BigInt parsing was a hot spot of the simulator).
 */
export function ringFraction(a: RingId, b: RingId): number {
  // Top 52 bits of each id, minus a borrow when b's lower digits are below a's (same width, so
  // string order is numeric order).
  let d = parseInt(b.slice(0, TOP_HEX), 16) - parseInt(a.slice(0, TOP_HEX), 16) - (b.slice(TOP_HEX) < a.slice(TOP_HEX) ? 1 : 0);
  if (d < 0) d += 2 ** 52;
  return d / 2 ** 52;
}

/** A ring id as a fraction of the ring in [0, 1): for drawing and estimates. */
export function idFraction(id: RingId): number {
  return parseInt(id.slice(0, 13), 16) / 2 ** 52;
}

/**
 * Finger offsets for base b (DESIGN.md §3): j·b^i for j = 1 … b−1 and every level i with
 * b^i < 2^m, ordered from the farthest to the nearest. Base 2 gives the classic m fingers.
 */
export function fingerOffsets(base: number): bigint[] {
  if (!Number.isInteger(base) || base < 2) throw new Error(`finger base must be an integer ≥ 2: ${base}`);
  const b = BigInt(base);
  const offsets: bigint[] = [];
  for (let level = 1n; level < RING; level *= b) {
    for (let j = 1n; j < b; j++) {
      const offset = j * level;
      if (offset < RING) offsets.push(offset);
    }
  }
  return offsets.sort((x, y) => (x > y ? -1 : x < y ? 1 : 0));
}

/**
 * The network size a node can infer from its successor list: r successors spread over a fraction
 * f of the ring suggest N ≈ r / f. Used for the greeter rule and the UI.
 */
export function estimateSize(self: RingId, successors: readonly RingId[]): number {
  const last = successors[successors.length - 1];
  if (last === undefined) return 1;
  const f = ringFraction(self, last);
  return f > 0 ? Math.max(successors.length + 1, Math.round(successors.length / f)) : successors.length + 1;
}
