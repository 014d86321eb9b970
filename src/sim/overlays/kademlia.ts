// Kademlia (Maymounkov & Mazières 2002): XOR metric, k-buckets with k = 20, and iterative lookups
// with α = 3 queries in flight. Static construction: bucket j of node x holds up to k nodes of
// the subtree that first differs from x at bit j, chosen by a seeded hash. That subtree is a
// contiguous range of the sorted ids, so a bucket is computed on demand (O(N) memory at 10^6).
import { SimNetwork } from './sim-network.ts';
import { commonPrefixBits, mix32, prefixRange, SPACE_BITS, xorClosestIndex, xorDistance } from './id-space.ts';
import type { LookupResult, Overlay } from './overlay.ts';

/** Bucket size and the number of closest nodes a lookup converges on (the paper's k = 20). */
export const KADEMLIA_K = 20;
/** Parallel queries in flight per lookup (the paper's α = 3). */
export const KADEMLIA_ALPHA = 3;

export interface KademliaInit {
  ids: Uint32Array;
  seed: number;
  /** @default KADEMLIA_K */
  k?: number;
  /** @default KADEMLIA_ALPHA */
  alpha?: number;
}

interface Contact {
  node: number;
  distance: number;
  depth: number;
  state: 'new' | 'waiting' | 'done' | 'failed';
}

export interface KademliaTables {
  /** The contacts of bucket `j` of `node` (j = index of the first bit that differs). */
  bucket(node: number, j: number): number[];
  /** The `count` XOR-closest contacts to `key` that `node` knows (not itself). */
  closest(node: number, key: number, count: number): number[];
}

export function kademliaTables(ids: Uint32Array, seed: number, k: number): KademliaTables {
  const bucket = (node: number, j: number): number[] => {
    const flipped = ((ids[node] ?? 0) ^ (2 ** (SPACE_BITS - 1 - j))) >>> 0;
    const [lo, hi] = prefixRange(ids, flipped, j + 1);
    const size = hi - lo;
    const out: number[] = [];
    if (size <= k) {
      for (let i = lo; i < hi; i++) out.push(i);
      return out;
    }
    const start = mix32(seed, node, j) % size;
    for (let t = 0; t < k; t++) out.push(lo + ((start + Math.floor((t * size) / k)) % size));
    return out;
  };
  const closest = (node: number, key: number, count: number): number[] => {
    const me = ids[node] ?? 0;
    const j0 = commonPrefixBits(me, key);
    const found: number[] = [];
    // Bucket j0 shares the key's bit j0: closest. Deeper buckets come next, then shallower ones.
    for (let j = j0; j < SPACE_BITS; j++) found.push(...bucket(node, j));
    for (let j = Math.min(j0, SPACE_BITS) - 1; j >= 0 && found.length < count; j--) found.push(...bucket(node, j));
    found.sort((a, b) => xorDistance(ids[a] ?? 0, key) - xorDistance(ids[b] ?? 0, key));
    return found.slice(0, count);
  };
  return { bucket, closest };
}

export function createKademlia(init: KademliaInit): Overlay {
  const { ids } = init;
  const n = ids.length;
  const k = init.k ?? KADEMLIA_K;
  const alpha = init.alpha ?? KADEMLIA_ALPHA;
  const network = new SimNetwork(n, init.seed);
  const tables = kademliaTables(ids, init.seed, k);

  const lookup = (from: number, key: number): LookupResult => {
    const messages0 = network.messages;
    const timeouts0 = network.timeouts;
    const start = network.now;
    const contacts = new Map<number, Contact>();
    const add = (node: number, depth: number, state: Contact['state']): void => {
      const c = contacts.get(node);
      if (c === undefined) contacts.set(node, { node, distance: xorDistance(ids[node] ?? 0, key), depth, state });
      else if (depth < c.depth && c.state === 'new') c.depth = depth;
    };
    add(from, 0, 'done');
    for (const c of tables.closest(from, key, k)) add(c, 1, 'new');
    let inFlight = 0;

    const pump = (): void => {
      const live = [...contacts.values()].filter((c) => c.state !== 'failed').sort((a, b) => a.distance - b.distance);
      const top = live.slice(0, k);
      for (const c of top) {
        if (inFlight >= alpha) break;
        if (c.state !== 'new') continue;
        c.state = 'waiting';
        inFlight++;
        network.send(
          c.node,
          () => {
            // FIND_NODE arrives; the reply (one more message) carries the k closest it knows.
            const reply = tables.closest(c.node, key, k);
            network.send(
              from,
              () => {
                inFlight--;
                c.state = 'done';
                for (const r of reply) add(r, c.depth + 1, 'new');
                pump();
              },
              () => {},
            );
          },
          () => {
            inFlight--;
            c.state = 'failed';
            pump();
          },
        );
      }
    };
    pump();
    network.run();
    const base = { messages: network.messages - messages0, timeouts: network.timeouts - timeouts0, latencyMs: network.now - start };
    // Done when the k closest non-failed contacts have all answered: the closest is the owner.
    const best = [...contacts.values()].filter((c) => c.state === 'done').sort((a, b) => a.distance - b.distance)[0];
    if (best === undefined) return { found: false, hops: 0, timedOut: true, ...base };
    return { found: true, owner: best.node, hops: best.depth, ...base };
  };

  return {
    name: 'kademlia',
    label: `kademlia (static, k=${k}, α=${alpha})`,
    construction: 'static',
    network,
    lookup,
    isCorrect(key, result) {
      if (result.owner === undefined) return false;
      // The XOR-closest live node: it lies in the smallest key-prefix subtree holding a live node.
      let best = -1;
      for (let bits = SPACE_BITS; bits >= 0 && best < 0; bits--) {
        const [lo, hi] = prefixRange(ids, key, bits);
        let bestD = Infinity;
        for (let i = lo; i < hi; i++) {
          const d = xorDistance(ids[i] ?? 0, key);
          if (network.alive[i] === 1 && d < bestD) {
            bestD = d;
            best = i;
          }
        }
      }
      return result.owner === best;
    },
    fail: (indexes) => network.fail(indexes),
    stateEntriesPerNode(sample) {
      const nodes = sample ?? Array.from({ length: n }, (_, i) => i);
      let total = 0;
      for (let s = 0; s < nodes.length; s++) {
        const node = nodes[s] ?? 0;
        for (let j = 0; j < SPACE_BITS; j++) {
          const [lo, hi] = prefixRange(ids, ((ids[node] ?? 0) ^ (2 ** (SPACE_BITS - 1 - j))) >>> 0, j + 1);
          total += Math.min(k, hi - lo);
        }
      }
      return nodes.length === 0 ? 0 : total / nodes.length;
    },
    keyOwner: (key) => xorClosestIndex(ids, key),
  };
}
