// Zave's invariants for Chord ("How to Make Chord Correct", IEEE TSE 2017), checked on the live
// nodes of a simulation: following each node's best (first live) successor must reach exactly one
// cycle (AtLeastOneRing, AtMostOneRing), that cycle must go around the id space once (OrderedRing),
// and every node must reach it (ConnectedAppendages). After a quiet period we also demand the
// exact ring: every live node's successor is the oracle's next live id.
import type { NodeId } from '../wire/ids.ts';
import type { ChordSimulation } from './chord-sim.ts';

export type InvariantName = 'AtLeastOneRing' | 'AtMostOneRing' | 'OrderedRing' | 'ConnectedAppendages' | 'ExactSuccessors';

export interface InvariantViolation {
  invariant: InvariantName;
  detail: string;
}

function bestSuccessor(sim: ChordSimulation, id: NodeId): NodeId | null {
  const node = sim.node(id);
  if (!node) return null;
  for (const s of node.snapshot().successors) if (sim.nodes.get(s)?.alive && sim.node(s)?.joined) return s;
  return null;
}

/** Checks the structural invariants; `exact` adds the converged-ring check. */
export function checkInvariants(sim: ChordSimulation, exact: boolean): InvariantViolation[] {
  // Members only: a node still joining has no successor yet and is not part of the ring.
  const ids = sim.liveIds().filter((id) => sim.node(id)?.joined);
  const violations: InvariantViolation[] = [];
  if (ids.length < 2) return violations;
  const next = new Map<NodeId, NodeId | null>();
  for (const id of ids) next.set(id, bestSuccessor(sim, id));
  // Find cycles: walk from every node, colouring by the walk that first reached it.
  const state = new Map<NodeId, number>();
  const cycles: NodeId[][] = [];
  let walk = 0;
  for (const start of ids) {
    if (state.has(start)) continue;
    walk++;
    const path: NodeId[] = [];
    let cur: NodeId | null = start;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, walk);
      path.push(cur);
      cur = next.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === walk) cycles.push(path.slice(path.indexOf(cur)));
  }
  if (cycles.length === 0) violations.push({ invariant: 'AtLeastOneRing', detail: 'no cycle of best successors' });
  if (cycles.length > 1) violations.push({ invariant: 'AtMostOneRing', detail: `${cycles.length} cycles, sizes ${cycles.map((c) => c.length).join(', ')}` });
  for (const cycle of cycles) {
    let descents = 0;
    for (let i = 0; i < cycle.length; i++) {
      const a = cycle[i] as NodeId;
      const b = cycle[(i + 1) % cycle.length] as NodeId;
      if (b <= a) descents++;
    }
    if (descents !== 1) violations.push({ invariant: 'OrderedRing', detail: `a cycle of ${cycle.length} nodes wraps the id space ${descents} times` });
  }
  if (cycles.length === 1) {
    const onRing = new Set(cycles[0]);
    for (const id of ids) {
      let cur: NodeId | null = id;
      let steps = 0;
      while (cur !== null && !onRing.has(cur) && steps <= ids.length) {
        cur = next.get(cur) ?? null;
        steps++;
      }
      if (cur === null || !onRing.has(cur)) {
        violations.push({ invariant: 'ConnectedAppendages', detail: `${id.slice(0, 8)} does not reach the ring` });
        break;
      }
    }
  }
  if (exact) {
    // The node's own pointers, not just its first live list entry: maintenance must have repaired them.
    let wrong = 0;
    for (const id of ids) {
      const snap = sim.node(id)?.snapshot();
      if (snap?.successors[0] !== sim.oracle.successor(id) || snap.predecessor !== sim.oracle.predecessor(id)) wrong++;
    }
    if (wrong > 0) violations.push({ invariant: 'ExactSuccessors', detail: `${wrong} of ${ids.length} live nodes have a wrong successor or predecessor` });
  }
  return violations;
}
