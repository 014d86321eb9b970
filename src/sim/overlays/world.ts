// One shared workload for every overlay in a run: the node ids, the lookups (requester + key),
// and the failure set, all drawn from one seed so each overlay sees exactly the same inputs.
import { createPrng, type Prng } from '../../dht/prng.ts';
import { SPACE_SIZE } from './id-space.ts';

export interface OverlayWorld {
  seed: number;
  /** Sorted, distinct 32-bit node ids; a node is named by its index here. */
  ids: Uint32Array;
}

/** `count` distinct uniform 32-bit ids, sorted. */
export function randomIds(rng: Prng, count: number): Uint32Array {
  const seen = new Set<number>();
  const out = new Uint32Array(count);
  let k = 0;
  while (k < count) {
    const x = Math.floor(rng.next() * SPACE_SIZE);
    if (seen.has(x)) continue;
    seen.add(x);
    out[k++] = x;
  }
  return out.sort();
}

export function createWorld(nodes: number, seed: number): OverlayWorld {
  return { seed, ids: randomIds(createPrng(seed), nodes) };
}

export interface LookupRequest {
  from: number;
  key: number;
}

/** `count` lookups from uniformly chosen live requesters for uniform keys. */
export function randomLookups(rng: Prng, count: number, alive: Uint8Array): LookupRequest[] {
  const n = alive.length;
  const out: LookupRequest[] = [];
  while (out.length < count) {
    const from = rng.int(n);
    if (alive[from] !== 1) continue;
    out.push({ from, key: Math.floor(rng.next() * SPACE_SIZE) });
  }
  return out;
}

/** A uniformly random set of `fraction` × n node indexes (partial Fisher–Yates). */
export function failureSet(rng: Prng, n: number, fraction: number): Uint32Array {
  const count = Math.round(n * fraction);
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i] ?? 0;
    perm[i] = perm[j] ?? 0;
    perm[j] = t;
  }
  return perm.slice(0, count);
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ?? 0;
  return values.length === 0 ? 0 : s / values.length;
}
