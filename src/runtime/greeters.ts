// Room discipline (DESIGN.md §5): a tab leaves the bootstrap room once it is on the ring, and only
// the owners of a few well-known points stay as greeters. Ownership follows the ring, so the room
// holds about GREETERS members however large the ring grows, and the announce rate to public
// relays stays bounded (trystero issue #192).
import { inHalfOpen } from '../dht/ring.ts';
import { asKeyId, type KeyId, type NodeId } from '../wire/ids.ts';

/** Greeters kept in the room: enough that one tab closing does not leave newcomers alone. */
export const GREETERS = 3;

/** The well-known points: SHA-256("chordpad/greeter/<i>") truncated to 160 bits. */
export async function greeterPoints(count = GREETERS, subtle: SubtleCrypto = crypto.subtle): Promise<KeyId[]> {
  const points: KeyId[] = [];
  for (let i = 0; i < count; i++) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(`chordpad/greeter/${i}`)));
    points.push(asKeyId(Array.from(digest.slice(0, 20), (b) => b.toString(16).padStart(2, '0')).join('')));
  }
  return points;
}

/** Whether a member with this predecessor owns one of the points (alone, it owns them all). */
export function isGreeter(self: NodeId, predecessor: NodeId | null, points: readonly KeyId[]): boolean {
  if (predecessor === null) return true;
  return points.some((p) => inHalfOpen(p, predecessor, self));
}
