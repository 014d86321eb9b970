// Ring arithmetic on 160-bit hex ids with BigInt, for splitting ranges into equal sub-ranges and
// ordering nodes clockwise from a key. Membership tests use inRingRange (string order) instead.
import type { RingId } from '../../wire/ids.ts';
import { ID_BITS, ID_HEX_LENGTH } from '../../wire/ids.ts';

/** 2^160: the number of positions on the ring. */
export const RING_SIZE = 1n << BigInt(ID_BITS);

export const toBig = (id: string): bigint => BigInt(`0x${id}`);
export const fromBig = (n: bigint): string => (((n % RING_SIZE) + RING_SIZE) % RING_SIZE).toString(16).padStart(ID_HEX_LENGTH, '0');

/** Clockwise distance from `a` to `b`, in [0, 2^160). */
export function clockwise(a: RingId, b: RingId): bigint {
  return (((toBig(b) - toBig(a)) % RING_SIZE) + RING_SIZE) % RING_SIZE;
}

/** Length of (from, to]: the whole ring when from === to. */
export function rangeSpan(from: RingId, to: RingId): bigint {
  const d = clockwise(from, to);
  return d === 0n ? RING_SIZE : d;
}
