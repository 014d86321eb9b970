// Which nodes this node believes hold a key (DESIGN.md §6): itself (as primary) and its next
// R−1 successors, skipping peers it has seen fail.
import type { KeyId, NodeId } from '../../wire/ids.ts';
import { replicaSet } from '../replication/replica-set.ts';
import type { NodeState } from '../node-state.ts';
import { storeOf } from './store-state.ts';

/** The first R−1 successors not known to have failed. */
export function replicaSuccessors(node: NodeState): NodeId[] {
  const r = storeOf(node).config.replicas;
  const out: NodeId[] = [];
  for (const s of node.successors) {
    if (out.length >= r - 1) break;
    if (s !== node.self && !node.lost.has(s) && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The replica set of `key` from this node's view, this node first when it is primary. */
export function replicasOf(node: NodeState, key: KeyId): NodeId[] {
  return replicaSet(key, [node.self, ...replicaSuccessors(node)], storeOf(node).config.replicas);
}
