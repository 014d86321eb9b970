// Unstructured search on a Graph: objects live on `replicas` random nodes, and a query either
// floods with a TTL (every node forwards the first copy it sees to all its other neighbours;
// every copy, duplicates included, is a message) or sends k random walkers with a TTL that check
// back with the requester every few steps (Lv et al., ICS 2002). Not finding an object that
// exists is reported as a failure, never hidden.
import { createPrng } from '../../dht/prng.ts';
import { SimNetwork } from './sim-network.ts';
import { mix32 } from './id-space.ts';
import { degreeOf, type Graph } from './unstructured-graph.ts';
import type { LookupResult, Overlay } from './overlay.ts';

/** Walkers check with the requester every this many steps (Lv et al. use 4). */
export const WALK_CHECK_EVERY = 4;
/** Default number of walkers (Lv et al.: 16 to 64). */
export const WALKERS = 16;

export interface UnstructuredInit {
  graph: Graph;
  seed: number;
  method: 'flood' | 'walk';
  /** Nodes holding each object (copies placed at seeded random nodes). */
  replicas: number;
  /** Flood: hops a query travels. Walk: steps per walker. */
  ttl: number;
  /** @default WALKERS */
  walkers?: number;
}

/** The nodes holding `key`: `replicas` seeded picks (a repeat pick holds one copy). */
export function holdersOf(seed: number, n: number, replicas: number, key: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < replicas; j++) out.push(mix32(seed ^ 0x0b1ec7, key, j) % n);
  return out;
}

export interface UnstructuredOverlay extends Overlay {
  ttl: number;
  readonly walkers: number;
}

export function createUnstructured(init: UnstructuredInit): UnstructuredOverlay {
  const { graph, seed, method, replicas } = init;
  const n = graph.offsets.length - 1;
  const walkers = init.walkers ?? WALKERS;
  const network = new SimNetwork(n, seed);
  const rng = createPrng(seed ^ 0x3a1c);
  const stamp = new Uint32Array(n);
  let generation = 0;

  const flood = (from: number, holders: Set<number>, ttl: number): { owner: number; hops: number } | undefined => {
    generation++;
    let hit: { owner: number; hops: number } | undefined;
    const arrive = (v: number, sender: number, left: number, hops: number): void => {
      if (stamp[v] === generation) return; // a duplicate: counted as a message, dropped
      stamp[v] = generation;
      if (holders.has(v)) {
        if (hit === undefined) hit = { owner: v, hops };
        network.messages += hops; // the hit travels back along the query's reverse path
      }
      if (left <= 0) return;
      for (let e = graph.offsets[v] ?? 0; e < (graph.offsets[v + 1] ?? 0); e++) {
        const u = graph.adj[e] ?? 0;
        if (u === sender) continue;
        network.send(u, () => arrive(u, v, left - 1, hops + 1), () => {});
      }
    };
    arrive(from, -1, ttl, 0);
    network.run();
    return hit;
  };

  const walk = (from: number, holders: Set<number>, ttl: number): { owner: number; hops: number } | undefined => {
    let hit: { owner: number; hops: number } | undefined = holders.has(from) ? { owner: from, hops: 0 } : undefined;
    if (hit !== undefined) return hit;
    // `tried` holds the neighbours of v that already timed out for this walker at this step.
    const step = (v: number, steps: number, tried: number[]): void => {
      const deg = degreeOf(graph, v);
      if (steps >= ttl || tried.length >= deg) return;
      const base = graph.offsets[v] ?? 0;
      let u = graph.adj[base + rng.int(deg)] ?? 0;
      while (tried.includes(u)) u = graph.adj[base + rng.int(deg)] ?? 0;
      network.send(
        u,
        () => {
          const s = steps + 1;
          if (holders.has(u)) {
            if (hit === undefined) hit = { owner: u, hops: s };
            network.messages += 1; // the holder answers the requester directly
            return;
          }
          if (s % WALK_CHECK_EVERY === 0) {
            network.messages += 2; // "should I go on?" and its answer
            if (hit !== undefined) return;
          }
          step(u, s, []);
        },
        () => step(v, steps, [...tried, u]), // a dead neighbour: pick another one
      );
    };
    for (let w = 0; w < walkers; w++) step(from, 0, []);
    network.run();
    return hit;
  };

  const overlay: UnstructuredOverlay = {
    name: method,
    label: method === 'flood' ? `flood (TTL=${init.ttl})` : `walk (${walkers} walkers, TTL=${init.ttl})`,
    construction: 'static',
    network,
    ttl: init.ttl,
    walkers,
    lookup(from, key): LookupResult {
      const messages0 = network.messages;
      const timeouts0 = network.timeouts;
      const start = network.now;
      const holders = new Set(holdersOf(seed, n, replicas, key).filter((h) => network.alive[h] === 1));
      const hit = method === 'flood' ? flood(from, holders, overlay.ttl) : walk(from, holders, overlay.ttl);
      const base = { messages: network.messages - messages0, timeouts: network.timeouts - timeouts0, latencyMs: network.now - start };
      if (hit === undefined) return { found: false, hops: 0, timedOut: true, ...base };
      return { found: true, owner: hit.owner, hops: hit.hops, ...base };
    },
    isCorrect(key, result) {
      return result.found && result.owner !== undefined && network.alive[result.owner] === 1 &&
        holdersOf(seed, n, replicas, key).includes(result.owner);
    },
    fail: (indexes) => network.fail(indexes),
    stateEntriesPerNode(sample) {
      const nodes = sample ?? Array.from({ length: n }, (_, i) => i);
      let total = 0;
      for (let i = 0; i < nodes.length; i++) total += degreeOf(graph, nodes[i] ?? 0);
      return nodes.length === 0 ? 0 : total / nodes.length;
    },
    keyOwner: (key) => holdersOf(seed, n, replicas, key)[0] ?? 0,
  };
  return overlay;
}

/**
 * The smallest flooding TTL that finds ≥ `target` of the requests' objects: for each request the
 * BFS distance to the nearest live holder, then that distance's `target` quantile (Infinity when
 * more than 1 − target of the objects are unreachable).
 */
export function floodTtlFor(graph: Graph, alive: Uint8Array, seed: number, replicas: number,
  requests: { from: number; key: number }[], target: number): number {
  const n = graph.offsets.length - 1;
  const dist = new Int32Array(n);
  const needed: number[] = [];
  for (const { from, key } of requests) {
    const holders = new Set(holdersOf(seed, n, replicas, key).filter((h) => alive[h] === 1));
    dist.fill(-1);
    dist[from] = 0;
    let frontier = [from];
    let found = holders.has(from) ? 0 : Infinity;
    while (frontier.length > 0 && found === Infinity) {
      const next: number[] = [];
      for (const v of frontier) {
        for (let e = graph.offsets[v] ?? 0; e < (graph.offsets[v + 1] ?? 0); e++) {
          const u = graph.adj[e] ?? 0;
          if (dist[u] !== -1 || alive[u] !== 1) continue;
          dist[u] = (dist[v] ?? 0) + 1;
          if (holders.has(u)) found = Math.min(found, dist[u] ?? 0);
          next.push(u);
        }
      }
      frontier = next;
    }
    needed.push(found);
  }
  needed.sort((a, b) => a - b);
  return needed[Math.max(0, Math.ceil(target * needed.length) - 1)] ?? Infinity;
}

/**
 * The smallest walker TTL (steps per walker) for which ≥ `target` of the requests succeed: k
 * walkers per request run up to `cap` steps; a request needs the fewest steps any walker took to
 * reach a holder. Returns Infinity when the target is not met within `cap`.
 */
export function walkTtlFor(graph: Graph, alive: Uint8Array, seed: number, replicas: number,
  requests: { from: number; key: number }[], walkers: number, cap: number, target: number): number {
  const n = graph.offsets.length - 1;
  const rng = createPrng(seed ^ 0x7a1e);
  const needed: number[] = [];
  for (const { from, key } of requests) {
    const holders = new Set(holdersOf(seed, n, replicas, key).filter((h) => alive[h] === 1));
    let best = holders.has(from) ? 0 : Infinity;
    for (let w = 0; w < walkers && best > 0; w++) {
      let v = from;
      for (let s = 1; s <= cap && s < best; s++) {
        // A walker that meets a dead neighbour tries another: the next step is a uniform live one.
        const live: number[] = [];
        for (let e = graph.offsets[v] ?? 0; e < (graph.offsets[v + 1] ?? 0); e++) {
          const u = graph.adj[e] ?? 0;
          if (alive[u] === 1) live.push(u);
        }
        if (live.length === 0) break;
        v = live[rng.int(live.length)] ?? v;
        if (holders.has(v)) {
          best = s;
          break;
        }
      }
    }
    needed.push(best);
  }
  needed.sort((a, b) => a - b);
  return needed[Math.max(0, Math.ceil(target * needed.length) - 1)] ?? Infinity;
}
