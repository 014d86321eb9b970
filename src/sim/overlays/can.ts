// CAN (Ratnasamy et al. 2001): a d-dimensional unit torus cut into zones, one per node; a key
// hashes to a point and belongs to the zone that contains it; greedy routing forwards to the
// neighbour (zones sharing a (d-1)-dimensional face) closest to the point. Static construction:
// nodes join one after the other at seeded random points and split the zone they land in, halving
// it along the dimensions in turn (the paper's join). The split tree is kept as typed arrays;
// neighbour lists are found on demand by querying that tree for the zones touching each face.
import { recursiveLookup, type RouteStep } from './recursive-lookup.ts';
import { SimNetwork } from './sim-network.ts';
import { mix32, SPACE_SIZE } from './id-space.ts';
import { createPrng } from '../../dht/prng.ts';
import type { LookupResult, Overlay } from './overlay.ts';

/** Default dimensions: the paper evaluates d = 2…10; the issue asks for 2…4. */
export const CAN_DIMENSIONS = 2;
/** Neighbour lists kept before the on-demand cache is dropped (bounds memory at 10^6 nodes). */
const NEIGHBOUR_CACHE_MAX = 200_000;

export interface CanInit {
  nodes: number;
  seed: number;
  /** @default CAN_DIMENSIONS */
  dimensions?: number;
}

export interface CanSpace {
  readonly d: number;
  /** Zone of node i: lo[i*d + k] ≤ x_k < hi[i*d + k]. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  ownerOf(point: ArrayLike<number>): number;
  neighbours(node: number): Int32Array;
  contains(node: number, point: ArrayLike<number>): boolean;
  /** Squared torus distance from the point to the zone (0 inside). */
  distance(node: number, point: ArrayLike<number>): number;
  centreDistance(node: number, point: ArrayLike<number>): number;
}

const circ = (a: number, b: number): number => {
  const x = Math.abs(a - b);
  return Math.min(x, 1 - x);
};

export function buildCanSpace(nodes: number, seed: number, d: number): CanSpace {
  const lo = new Float64Array(nodes * d);
  const hi = new Float64Array(nodes * d).fill(1);
  // Split tree: internal nodes have children; leaves name their zone's owner.
  const left = new Int32Array(2 * nodes).fill(-1);
  const right = new Int32Array(2 * nodes).fill(-1);
  const owner = new Int32Array(2 * nodes).fill(-1);
  const depthOf = new Uint8Array(2 * nodes);
  let treeSize = 1;
  owner[0] = 0;
  const rng = createPrng(seed ^ 0xca);
  const p = new Float64Array(d);
  const leafFor = (point: ArrayLike<number>): number => {
    let t = 0;
    const rlo = new Float64Array(d);
    const rhi = new Float64Array(d).fill(1);
    while ((owner[t] ?? -1) < 0) {
      const dim = (depthOf[t] ?? 0) % d;
      const mid = ((rlo[dim] ?? 0) + (rhi[dim] ?? 1)) / 2;
      if ((point[dim] ?? 0) < mid) {
        rhi[dim] = mid;
        t = left[t] ?? 0;
      } else {
        rlo[dim] = mid;
        t = right[t] ?? 0;
      }
    }
    return t;
  };
  for (let i = 1; i < nodes; i++) {
    for (let k = 0; k < d; k++) p[k] = rng.next();
    const t = leafFor(p);
    const old = owner[t] ?? 0;
    const dim = (depthOf[t] ?? 0) % d;
    const mid = ((lo[old * d + dim] ?? 0) + (hi[old * d + dim] ?? 1)) / 2;
    const l = treeSize++;
    const r = treeSize++;
    left[t] = l;
    right[t] = r;
    owner[t] = -1;
    depthOf[l] = (depthOf[t] ?? 0) + 1;
    depthOf[r] = (depthOf[t] ?? 0) + 1;
    for (let k = 0; k < d; k++) {
      lo[i * d + k] = lo[old * d + k] ?? 0;
      hi[i * d + k] = hi[old * d + k] ?? 1;
    }
    const newGoesRight = (p[dim] ?? 0) >= mid;
    owner[l] = newGoesRight ? old : i;
    owner[r] = newGoesRight ? i : old;
    if (newGoesRight) {
      hi[old * d + dim] = mid;
      lo[i * d + dim] = mid;
    } else {
      lo[old * d + dim] = mid;
      hi[i * d + dim] = mid;
    }
  }

  /** Owners of the leaves whose zone touches face (dim, side) of `node`'s zone. */
  const faceQuery = (node: number, a: number, plus: boolean, out: Set<number>): void => {
    const zlo = node * d;
    const c = plus ? ((hi[zlo + a] ?? 1) >= 1 ? 0 : (hi[zlo + a] ?? 1)) : (lo[zlo + a] ?? 0) <= 0 ? 1 : (lo[zlo + a] ?? 0);
    const stack: { t: number; rlo: Float64Array; rhi: Float64Array }[] = [
      { t: 0, rlo: new Float64Array(d), rhi: new Float64Array(d).fill(1) },
    ];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { t, rlo, rhi } = item;
      // Does this region intersect the face slab?
      let hit = plus ? (rlo[a] ?? 0) <= c && c < (rhi[a] ?? 1) : (rlo[a] ?? 0) < c && c <= (rhi[a] ?? 1);
      for (let b = 0; b < d && hit; b++) {
        if (b === a) continue;
        hit = (rlo[b] ?? 0) < (hi[zlo + b] ?? 1) && (rhi[b] ?? 1) > (lo[zlo + b] ?? 0);
      }
      if (!hit) continue;
      const o = owner[t] ?? -1;
      if (o >= 0) {
        if (o !== node) out.add(o);
        continue;
      }
      const dim = (depthOf[t] ?? 0) % d;
      const mid = ((rlo[dim] ?? 0) + (rhi[dim] ?? 1)) / 2;
      const lhi = rhi.slice();
      lhi[dim] = mid;
      const rlo2 = rlo.slice();
      rlo2[dim] = mid;
      stack.push({ t: left[t] ?? 0, rlo, rhi: lhi }, { t: right[t] ?? 0, rlo: rlo2, rhi });
    }
  };

  const cache = new Map<number, Int32Array>();
  const neighbours = (node: number): Int32Array => {
    const hit = cache.get(node);
    if (hit !== undefined) return hit;
    const out = new Set<number>();
    for (let a = 0; a < d; a++) {
      faceQuery(node, a, true, out);
      faceQuery(node, a, false, out);
    }
    const list = Int32Array.from(out);
    if (cache.size >= NEIGHBOUR_CACHE_MAX) cache.clear();
    cache.set(node, list);
    return list;
  };

  return {
    d,
    lo,
    hi,
    ownerOf: (point) => owner[leafFor(point)] ?? 0,
    neighbours,
    contains(node, point) {
      for (let k = 0; k < d; k++) {
        const x = point[k] ?? 0;
        if (x < (lo[node * d + k] ?? 0) || x >= (hi[node * d + k] ?? 1)) return false;
      }
      return true;
    },
    distance(node, point) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const x = point[k] ?? 0;
        const a = lo[node * d + k] ?? 0;
        const b = hi[node * d + k] ?? 1;
        const dk = x >= a && x <= b ? 0 : Math.min(circ(x, a), circ(x, b));
        s += dk * dk;
      }
      return s;
    },
    centreDistance(node, point) {
      let s = 0;
      for (let k = 0; k < d; k++) {
        const dk = circ(point[k] ?? 0, ((lo[node * d + k] ?? 0) + (hi[node * d + k] ?? 1)) / 2);
        s += dk * dk;
      }
      return s;
    },
  };
}

/** The point a key hashes to: never on a zone boundary (zones are dyadic, points are odd /2^33). */
export function keyPoint(seed: number, key: number, d: number): Float64Array {
  const p = new Float64Array(d);
  for (let k = 0; k < d; k++) p[k] = (mix32(seed, key, k) + 0.5) / SPACE_SIZE;
  return p;
}

export function createCan(init: CanInit): Overlay {
  const d = init.dimensions ?? CAN_DIMENSIONS;
  const n = init.nodes;
  const space = buildCanSpace(n, init.seed, d);
  const network = new SimNetwork(n, init.seed);
  let lastKey = -1;
  let point = keyPoint(init.seed, 0, d);
  const pointOf = (key: number): Float64Array => {
    if (key !== lastKey) {
      point = keyPoint(init.seed, key, d);
      lastKey = key;
    }
    return point;
  };

  const route = (node: number, key: number): RouteStep | 'deliver' => {
    const p = pointOf(key);
    if (space.contains(node, p)) return 'deliver';
    const mine = space.distance(node, p);
    const nbrs = space.neighbours(node);
    const holder = nbrs.find((c) => space.contains(c, p));
    // The zone's own node is a neighbour: if it is dead, I take its zone over (CAN's takeover).
    if (holder !== undefined) return { candidates: [holder], final: [true], deliverIfAllFail: true };
    const scored: { c: number; dist: number; centre: number }[] = [];
    for (const c of nbrs) {
      const dist = space.distance(c, p);
      if (dist < mine) scored.push({ c, dist, centre: space.centreDistance(c, p) });
    }
    scored.sort((a, b) => a.dist - b.dist || a.centre - b.centre);
    return { candidates: scored.map((s) => s.c) };
  };

  return {
    name: 'can',
    label: `can (static, d=${d})`,
    construction: 'static',
    network,
    lookup: (from, key): LookupResult => recursiveLookup(network, route, from, key),
    isCorrect(key, result) {
      if (result.owner === undefined || !result.found) return false;
      const o = space.ownerOf(pointOf(key));
      if (network.alive[o] === 1) return result.owner === o;
      // A dead zone is answered by the live neighbour that reached it (takeover, before repair).
      return network.alive[result.owner] === 1 && space.neighbours(o).includes(result.owner);
    },
    fail: (indexes) => network.fail(indexes),
    stateEntriesPerNode(sample) {
      const nodes = sample ?? Array.from({ length: n }, (_, i) => i);
      let total = 0;
      for (let s = 0; s < nodes.length; s++) total += space.neighbours(nodes[s] ?? 0).length;
      return nodes.length === 0 ? 0 : total / nodes.length;
    },
    keyOwner: (key) => space.ownerOf(pointOf(key)),
  };
}
