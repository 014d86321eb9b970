// Virtual nodes (DESIGN.md §2; SIGCOMM'01 §6.2, Fig. 9): one host — a tab — may hold several ring
// positions, each a full ChordNode with its own successors, fingers and links. Keys spread over
// hosts more evenly (the p99 share of a host falls from ≈ 4.7× the mean at one position to
// ≈ 1.6× at twenty), and every position costs its own links, so browsers keep the default of one.
//
// A host's positions derive from its node id, so they are the same after a reload and anyone who
// knows the node id can check them: position 0 is the node id itself, position j ≥ 1 is
// SHA-256(node id ‖ j as 4 big-endian bytes) truncated to the m-bit ring.
import { ID_HEX_LENGTH, asNodeId, type NodeId, type RingId } from '../wire/ids.ts';
import { concatBytes, fromHex, toHex, u32be } from './records/bytes.ts';
import { sha256 } from './records/sha256.ts';
import { ringFraction } from './ring.ts';

export interface VirtualNodesInit {
  /**
   * Ring positions per host. Each position is one ChordNode (routing state and links of its own:
   * about 2·log2 N + r links each), so the link budget of a tab grows linearly with it.
   * @default 1
   */
  virtualNodes?: number;
}

/** Most positions a host may hold: 64 positions × ~40 links is already beyond a browser's 500. */
export const MAX_VIRTUAL_NODES = 64;

export function resolveVirtualNodes(init: VirtualNodesInit = {}): number {
  const count = init.virtualNodes ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_VIRTUAL_NODES) {
    throw new Error(`virtualNodes must be an integer in 1…${MAX_VIRTUAL_NODES}: ${count}`);
  }
  return count;
}

/** The ring positions of the host with node id `base`: base itself first, then the derived ones. */
export function virtualNodeIds(base: NodeId, count: number): NodeId[] {
  const bytes = fromHex(base);
  if (!bytes) throw new Error(`not a hex node id: ${base}`);
  const ids: NodeId[] = [base];
  for (let j = 1; j < count; j++) ids.push(asNodeId(toHex(sha256(concatBytes([bytes, u32be(j)]))).slice(0, ID_HEX_LENGTH)));
  return ids;
}

/**
 * The position a host starts a lookup of `key` from: the one at or most closely before the key
 * (clockwise), whose successor list and fingers reach the key in the fewest hops — and which owns
 * the key itself when it sits at the key.
 */
export function startPosition(positions: readonly NodeId[], key: RingId): NodeId {
  let best: NodeId | undefined;
  let bestDistance = Infinity;
  for (const p of positions) {
    const d = p === key ? 0 : ringFraction(p, key);
    if (d < bestDistance) {
      bestDistance = d;
      best = p;
    }
  }
  if (best === undefined) throw new Error('a host has at least one position');
  return best;
}
