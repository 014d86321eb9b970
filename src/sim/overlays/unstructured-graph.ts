// Unstructured overlay graphs in compressed sparse rows: a random graph of a given mean degree
// (Gnutella-like: each node opens degree/2 links to random peers), and a power-law variant grown
// by preferential attachment (Barabási–Albert), as in the Gnutella topology measurements.
import type { Prng } from '../../dht/prng.ts';

export interface Graph {
  /** Neighbours of v are adj[offsets[v] .. offsets[v+1]). */
  offsets: Uint32Array;
  adj: Uint32Array;
}

export type GraphKind = 'random' | 'power-law';

function fromEdges(n: number, a: Uint32Array, b: Uint32Array, count: number): Graph {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < count; e++) {
    const x = a[e] ?? 0;
    const y = b[e] ?? 0;
    if (x === y) continue;
    lists[x]?.push(y);
    lists[y]?.push(x);
  }
  const offsets = new Uint32Array(n + 1);
  const flat: number[] = [];
  for (let v = 0; v < n; v++) {
    const unique = [...new Set(lists[v])].sort((p, q) => p - q);
    for (const u of unique) flat.push(u);
    offsets[v + 1] = flat.length;
  }
  return { offsets, adj: Uint32Array.from(flat) };
}

/** Each node links to degree/2 uniformly random others: mean degree ≈ `degree`. */
export function randomGraph(n: number, degree: number, rng: Prng): Graph {
  const per = Math.max(1, Math.round(degree / 2));
  const a = new Uint32Array(n * per);
  const b = new Uint32Array(n * per);
  let e = 0;
  for (let v = 0; v < n; v++) {
    for (let j = 0; j < per; j++) {
      a[e] = v;
      b[e] = rng.int(n);
      e++;
    }
  }
  return fromEdges(n, a, b, e);
}

/** Preferential attachment: each new node links to degree/2 existing nodes chosen by degree. */
export function powerLawGraph(n: number, degree: number, rng: Prng): Graph {
  const m = Math.max(1, Math.round(degree / 2));
  const a = new Uint32Array(n * m + m * m);
  const b = new Uint32Array(n * m + m * m);
  let e = 0;
  // A seed clique of m + 1 nodes.
  for (let x = 0; x <= m && x < n; x++) {
    for (let y = x + 1; y <= m && y < n; y++) {
      a[e] = x;
      b[e] = y;
      e++;
    }
  }
  for (let v = m + 1; v < n; v++) {
    const targets = new Set<number>();
    while (targets.size < m) {
      // A uniformly random edge endpoint is a node chosen with probability ∝ its degree.
      const pick = rng.int(2 * e);
      targets.add(pick < e ? (a[pick] ?? 0) : (b[pick - e] ?? 0));
    }
    for (const t of targets) {
      a[e] = v;
      b[e] = t;
      e++;
    }
  }
  return fromEdges(n, a, b, e);
}

export function buildGraph(kind: GraphKind, n: number, degree: number, rng: Prng): Graph {
  return kind === 'random' ? randomGraph(n, degree, rng) : powerLawGraph(n, degree, rng);
}

export function degreeOf(g: Graph, v: number): number {
  return (g.offsets[v + 1] ?? 0) - (g.offsets[v] ?? 0);
}
