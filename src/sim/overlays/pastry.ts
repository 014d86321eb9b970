// Pastry (Rowstron & Druschel 2001): ids as base-2^b digits with b = 4, a routing table whose row
// l holds, for each digit d, a node sharing l digits with us and having digit d next, plus a leaf
// set of the L/2 numerically closest nodes on each side. Static construction: a cell's node is a
// seeded pick from the cell's prefix range of the sorted ids (Pastry would pick the nearest by
// network proximity; we have no proximity metric), so a cell is computed on demand.
import { recursiveLookup, type RouteStep } from './recursive-lookup.ts';
import { SimNetwork } from './sim-network.ts';
import { circularDistance, mix32, numericClosestIndex, prefixRange, ringDistance, SPACE_BITS, successorIndex } from './id-space.ts';
import type { LookupResult, Overlay } from './overlay.ts';

/** Bits per digit (the paper's b = 4: hexadecimal digits). */
export const PASTRY_B = 4;
/** Leaf-set size L (the paper's 16: 8 on each side). */
export const PASTRY_LEAVES = 16;

const DIGITS = SPACE_BITS / PASTRY_B;
const BASE = 2 ** PASTRY_B;

export interface PastryInit {
  ids: Uint32Array;
  seed: number;
  /** @default PASTRY_LEAVES */
  leaves?: number;
}

/** Digit `row` (0 = most significant) of a 32-bit id. */
export function digitAt(x: number, row: number): number {
  return Math.floor(x / 2 ** (SPACE_BITS - PASTRY_B * (row + 1))) % BASE;
}

/** Shared leading digits of two ids. */
export function sharedDigits(a: number, b: number): number {
  let l = 0;
  while (l < DIGITS && digitAt(a, l) === digitAt(b, l)) l++;
  return l;
}

export interface PastryTables {
  /** Routing-table cell (row, digit) of `node`, or -1 when no node has that prefix. */
  cell(node: number, row: number, digit: number): number;
  /** Leaf set of `node` (node indexes, without the node itself). */
  leafSet(node: number): number[];
}

export function pastryTables(ids: Uint32Array, seed: number, leaves: number): PastryTables {
  const n = ids.length;
  const half = Math.min(leaves / 2, Math.floor((n - 1) / 2));
  const cell = (node: number, row: number, digit: number): number => {
    const me = ids[node] ?? 0;
    if (digitAt(me, row) === digit) return -1;
    const unit = 2 ** (SPACE_BITS - PASTRY_B * (row + 1));
    const prefix = (Math.floor(me / (unit * BASE)) * BASE + digit) * unit;
    const [lo, hi] = prefixRange(ids, prefix, PASTRY_B * (row + 1));
    if (hi <= lo) return -1;
    return lo + (mix32(seed, node, row * BASE + digit) % (hi - lo));
  };
  const leafSet = (node: number): number[] => {
    const out: number[] = [];
    if (n - 1 <= leaves) {
      for (let i = 1; i < n; i++) out.push((node + i) % n);
      return out;
    }
    for (let i = 1; i <= half; i++) out.push((node - i + n) % n, (node + i) % n);
    return out;
  };
  return { cell, leafSet };
}

export function createPastry(init: PastryInit): Overlay {
  const { ids } = init;
  const n = ids.length;
  const leaves = init.leaves ?? PASTRY_LEAVES;
  const network = new SimNetwork(n, init.seed);
  const tables = pastryTables(ids, init.seed, leaves);
  const id = (i: number): number => ids[i] ?? 0;

  const inLeafRange = (node: number, key: number, leafSet: number[]): boolean => {
    if (n - 1 <= leaves) return true;
    const half = leafSet.length / 2;
    const left = (node - half + n) % n;
    const right = (node + half) % n;
    return ringDistance(id(left), key) <= ringDistance(id(left), id(right));
  };

  const route = (node: number, key: number): RouteStep | 'deliver' => {
    const me = id(node);
    const myDistance = circularDistance(me, key);
    if (myDistance === 0) return 'deliver';
    const leafSet = tables.leafSet(node);
    const closer = (c: number): boolean => circularDistance(id(c), key) < myDistance;
    const byDistance = (a: number, b: number): number => circularDistance(id(a), key) - circularDistance(id(b), key);
    if (inLeafRange(node, key, leafSet)) {
      // Deliver to the numerically closest leaf; if it is me, or all closer leaves are dead, I answer.
      const candidates = leafSet.filter(closer).sort(byDistance);
      if (candidates.length === 0) return 'deliver';
      return { candidates, deliverIfAllFail: true };
    }
    const l = sharedDigits(me, key);
    const primary = l < DIGITS ? tables.cell(node, l, digitAt(key, l)) : -1;
    // The "rare case" (and our failover): any known node with as long a prefix that is closer.
    const known = new Set<number>(leafSet);
    for (let row = l; row < DIGITS; row++) {
      for (let d = 0; d < BASE; d++) {
        const c = tables.cell(node, row, d);
        if (c >= 0) known.add(c);
      }
    }
    known.delete(primary);
    const rare = [...known].filter((c) => sharedDigits(id(c), key) >= l && closer(c));
    rare.sort((a, b) => sharedDigits(id(b), key) - sharedDigits(id(a), key) || byDistance(a, b));
    return { candidates: primary >= 0 ? [primary, ...rare] : rare };
  };

  return {
    name: 'pastry',
    label: `pastry (static, b=${PASTRY_B}, L=${leaves})`,
    construction: 'static',
    network,
    lookup: (from, key): LookupResult => recursiveLookup(network, route, from, key),
    isCorrect(key, result) {
      if (result.owner === undefined) return false;
      // The numerically closest live node: the closer of the first live node on each side of the key.
      let right = successorIndex(ids, key);
      for (let step = 0; step < n && network.alive[right] !== 1; step++) right = (right + 1) % n;
      let left = (successorIndex(ids, key) - 1 + n) % n;
      for (let step = 0; step < n && network.alive[left] !== 1; step++) left = (left - 1 + n) % n;
      const best = circularDistance(id(left), key) < circularDistance(id(right), key) ? left : right;
      return result.owner === best;
    },
    fail: (indexes) => network.fail(indexes),
    stateEntriesPerNode(sample) {
      const nodes = sample ?? Array.from({ length: n }, (_, i) => i);
      let total = 0;
      for (let s = 0; s < nodes.length; s++) {
        const node = nodes[s] ?? 0;
        const known = new Set<number>(tables.leafSet(node));
        for (let row = 0; row < DIGITS; row++) {
          for (let d = 0; d < BASE; d++) {
            const c = tables.cell(node, row, d);
            if (c >= 0) known.add(c);
          }
        }
        total += known.size;
      }
      return nodes.length === 0 ? 0 : total / nodes.length;
    },
    keyOwner: (key) => numericClosestIndex(ids, key),
  };
}
