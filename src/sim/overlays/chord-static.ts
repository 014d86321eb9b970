// Chord with statically built tables (SIGCOMM 2001 §6 "static" experiments): finger i of node n is
// successor(n + 2^i), plus a successor list of r entries. Nothing is stored: a finger is a binary
// search in the sorted id array, so the same code runs at 10^6 nodes in O(N) memory. The real
// protocol (joins + stabilize) is src/sim/chord-sim.ts; these rows are labelled "static".
import { recursiveLookup, type RouteStep, type Router } from './recursive-lookup.ts';
import { SimNetwork } from './sim-network.ts';
import { inOpen, ringDistance, SPACE_BITS, SPACE_SIZE, successorIndex } from './id-space.ts';
import type { LookupResult, Overlay } from './overlay.ts';

/** Successor-list length: the ToN paper's r = 20 (DESIGN.md §9 default). */
export const CHORD_SUCCESSORS = 20;

export interface ChordStaticInit {
  ids: Uint32Array;
  seed: number;
  /** @default CHORD_SUCCESSORS */
  successors?: number;
}

export function createChordStatic(init: ChordStaticInit): Overlay {
  const { ids } = init;
  const n = ids.length;
  const r = Math.min(init.successors ?? CHORD_SUCCESSORS, n - 1);
  const network = new SimNetwork(n, init.seed);
  const id = (i: number): number => ids[i] ?? 0;

  const route = chordRouter(ids, r);
  const finger = (node: number, bit: number): number => successorIndex(ids, (id(node) + 2 ** bit) % SPACE_SIZE);

  return {
    name: 'chord',
    label: `chord (static, r=${r})`,
    construction: 'static',
    network,
    lookup: (from, key): LookupResult => recursiveLookup(network, route, from, key),
    isCorrect(key, result) {
      if (!result.found || result.owner === undefined) return false;
      // The first live successor of the key.
      let i = successorIndex(ids, key);
      for (let step = 0; step < n && network.alive[i] !== 1; step++) i = (i + 1) % n;
      return result.owner === i;
    },
    fail: (indexes) => network.fail(indexes),
    stateEntriesPerNode(sample) {
      const nodes = sample ?? Array.from({ length: n }, (_, i) => i);
      let total = 0;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i] ?? 0;
        const known = new Set<number>();
        for (let j = 1; j <= r; j++) known.add((node + j) % n);
        for (let b = 0; b < SPACE_BITS; b++) known.add(finger(node, b));
        known.delete(node);
        total += known.size;
      }
      return nodes.length === 0 ? 0 : total / nodes.length;
    },
    keyOwner: (key) => successorIndex(ids, key),
  };
}

/** Chord's routing rule over statically built tables (for experiments that wrap it, e.g. path caching). */
export function chordRouter(ids: Uint32Array, successors: number): Router {
  const n = ids.length;
  const r = Math.min(successors, n - 1);
  const id = (i: number): number => ids[i] ?? 0;
  const finger = (node: number, bit: number): number => successorIndex(ids, (id(node) + 2 ** bit) % SPACE_SIZE);

  return (node: number, key: number): RouteStep | 'deliver' => {
    const me = id(node);
    if (key === me) return 'deliver';
    const succs: number[] = [];
    for (let j = 1; j <= r; j++) succs.push((node + j) % n);
    // The key is between me and my j-th successor: successors up to j deliver (first live is the owner).
    const within = succs.findIndex((s) => ringDistance(me, key) <= ringDistance(me, id(s)));
    if (within === 0) return { candidates: succs, final: succs.map(() => true) };
    const known = new Set<number>(succs);
    for (let b = 0; b < SPACE_BITS; b++) known.add(finger(node, b));
    known.delete(node);
    // Closest preceding nodes first; then (after failures) the successors past the key deliver.
    const preceding = [...known].filter((k) => inOpen(id(k), me, key));
    preceding.sort((a, b) => ringDistance(id(a), key) - ringDistance(id(b), key));
    const after = within > 0 ? succs.slice(within) : [];
    return {
      candidates: [...preceding, ...after],
      final: [...preceding.map(() => false), ...after.map(() => true)],
    };
  };
}
