// Fingers by rank (ChordInit.fingersBy = 'rank'): finger k is the node 2^k places after us, not
// the owner of an id 2^k after us. The node 2^(k−1) places after us knows its own finger k − 1,
// which lies 2^(k−1) places further: one get_neighbors to a node we already link to finds the
// next finger, with no lookup. Every node is then the finger of exactly one node per level, so no
// node collects the fingers of a whole gap of the ring, and greedy routing still halves the
// remaining distance in nodes at every hop (at most log2 N hops).
import type { NodeId } from '../wire/ids.ts';
import { jittered, type NodeState } from './node-state.ts';
import { inOpen } from './ring.ts';

/**
 * A sweep that changed a finger, or stopped because a node did not know its own finger yet, is
 * followed by another after this fraction of the period: a new ring's fingers fill one level per
 * sweep, since each level needs the level below it settled at the node asked. So is a change of
 * our successor list: nodes joined or left near us, and every rank past them moved.
 */
const UNSETTLED_SWEEP_FRACTION = 1 / 8;

/** Brings the next sweep of fingers by rank forward to within UNSETTLED_SWEEP_FRACTION of the period. */
export function sweepRankFingersSoon(node: NodeState): void {
  if (node.config.fingersBy !== 'rank') return;
  node.nextFingerSweepAt = Math.min(node.nextFingerSweepAt, node.now + jittered(node, node.config.fixFingersMs * UNSETTLED_SWEEP_FRACTION));
}

/** Refreshes the fingers by rank, nearest first, asking each finger for the next one. */
export function rankFingerSweep(node: NodeState, now: number): void {
  node.nextFingerSweepAt = now + jittered(node, node.config.fixFingersMs);
  if (node.fingerSweepActive || !node.joined) return;
  if (node.successors.length < node.config.successors) {
    // The whole ring fits in our successor list: no finger would reach farther.
    if (node.fingers.length > 0) setFarRanks(node, []);
    return;
  }
  node.fingerSweepActive = true;
  const near = node.rankFingers();
  const nearCount = nearRankCount(node.successors.length);
  const far = near.slice(nearCount);
  const before = far.join();
  const finish = (settled: boolean): void => {
    node.fingerSweepActive = false;
    if (!settled || far.join() !== before) sweepRankFingersSoon(node);
  };
  // Rank 2^k is the finger k − 1 of the node at rank 2^(k−1): a successor or a farther finger.
  const ask = (k: number, t: number): void => {
    const via = (k - 1 < nearCount ? near[k - 1] : far[k - 1 - nearCount]) as NodeId;
    node.request(via, (rid) => ({ type: 'get_neighbors', rid }), t, {
      onReply: (reply, t2) => {
        const found = reply.type === 'neighbors' ? reply.fingers?.[k - 1] : undefined;
        if (found === undefined) {
          finish(false);
          return;
        }
        const slot = k - nearCount;
        if (found === node.self || !inOpen(found, via, node.self)) {
          // 2^k places reach past us: the ring has fewer nodes, and no farther finger exists.
          far.length = slot;
          setFarRanks(node, far);
          finish(true);
          return;
        }
        far[slot] = found;
        setFarRanks(node, far);
        ask(k + 1, t2);
      },
      onFail: () => finish(false),
    });
  };
  ask(nearCount, now);
}

/** How many of the ranks 1, 2, 4, … a successor list of this length holds. */
function nearRankCount(successors: number): number {
  let count = 0;
  for (let rank = 1; rank <= successors; rank *= 2) count++;
  return count;
}

function setFarRanks(node: NodeState, far: readonly NodeId[]): void {
  node.fingers = [...far].reverse();
  node.rebuildFingerSet();
}

/**
 * Fingers by rank for a ring known in full (the simulator's warm start), farthest first as
 * adoptState takes them: the nodes 2^k places after position `at` of the sorted ids, for the
 * ranks beyond the first `successors` places and short of a full turn.
 */
export function rankFingersOf(sorted: readonly NodeId[], at: number, successors: number): NodeId[] {
  const out: NodeId[] = [];
  for (let rank = 2 ** nearRankCount(successors); rank < sorted.length; rank *= 2) out.push(sorted[(at + rank) % sorted.length] as NodeId);
  return out.reverse();
}
