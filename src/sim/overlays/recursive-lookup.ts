// Recursive (hop-by-hop) lookups for the greedy geometries: Chord, Pastry and CAN. The current
// node picks its next hop from an ordered candidate list; a dead candidate costs one per-hop
// timeout and the next-best candidate is tried, as in the papers' failure experiments.
import type { LookupResult } from './overlay.ts';
import type { SimNetwork } from './sim-network.ts';

export interface RouteStep {
  /** Candidate next hops, best first. */
  candidates: number[];
  /** When set, a candidate that answers is the owner: it delivers without routing again. */
  final?: boolean[];
  /** When every candidate times out, the current node answers (it is the closest live node). */
  deliverIfAllFail?: boolean;
}

/** What a node does with a lookup for `key`: answer it (`'deliver'`) or forward it. */
export type Router = (node: number, key: number) => RouteStep | 'deliver';

/** Hop limit: far above any greedy path we measure (CAN d=2 at 10^6 ≈ 500 hops). */
export const MAX_HOPS = 5000;

export function recursiveLookup(net: SimNetwork, route: Router, from: number, key: number): LookupResult {
  const messages0 = net.messages;
  const timeouts0 = net.timeouts;
  const start = net.now;
  let result: { owner: number; hops: number } | undefined;
  let gaveUp = false;

  const done = (owner: number, hops: number): void => {
    result = { owner, hops };
    if (owner !== from) net.send(from, () => {}, () => {}); // the answer back to the requester
  };

  const arrive = (node: number, hops: number): void => {
    if (hops > MAX_HOPS) {
      gaveUp = true;
      return;
    }
    const step = route(node, key);
    if (step === 'deliver') {
      done(node, hops);
      return;
    }
    const tryCandidate = (i: number): void => {
      const next = step.candidates[i];
      if (next === undefined) {
        if (step.deliverIfAllFail === true) done(node, hops);
        else gaveUp = true;
        return;
      }
      net.send(
        next,
        () => (step.final?.[i] === true ? done(next, hops + 1) : arrive(next, hops + 1)),
        () => tryCandidate(i + 1),
      );
    };
    tryCandidate(0);
  };

  arrive(from, 0);
  net.run();
  const base = {
    messages: net.messages - messages0,
    timeouts: net.timeouts - timeouts0,
    latencyMs: net.now - start,
  };
  if (result === undefined || gaveUp) return { found: false, hops: 0, timedOut: true, ...base };
  return { found: true, owner: result.owner, hops: result.hops, ...base };
}
