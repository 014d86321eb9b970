// The published hop-count formulas the comparison puts beside its measurements.

/** Expected mean hops for `overlay` at `nodes` by its paper, or undefined when there is no number. */
export function claimedHops(overlay: string, variant: string, nodes: number): number | undefined {
  switch (overlay) {
    case 'chord': {
      // SIGCOMM 2001 §6.3: "about ½ log2 N". With base-b fingers each hop fixes one base-b digit and
      // (b−1)/b of the digits are non-zero on average: (b−1)/b · log_b N (the same argument, b = 2 gives ½).
      const base = Number(/finger base (\d+)/.exec(variant)?.[1] ?? 2);
      return ((base - 1) / base) * (Math.log2(nodes) / Math.log2(base));
    }
    case 'pastry':
      return Math.log(nodes) / Math.log(16); // Rowstron & Druschel 2001: ≤ ⌈log_{2^b} N⌉, b = 4
    case 'can': {
      const d = Number(/d=(\d+)/.exec(variant)?.[1] ?? 2);
      return (d / 4) * nodes ** (1 / d); // Ratnasamy et al. 2001: (d/4) n^(1/d)
    }
    case 'kademlia':
      return Math.log2(nodes) / Math.log2(20) + 1; // ≈ log_k N rounds with k-buckets of 20 (upper-order estimate)
    default:
      return undefined;
  }
}

export const CLAIM_SOURCES: Record<string, string> = {
  chord: '½·log2 N (Stoica et al., SIGCOMM 2001, §6.3)',
  kademlia: 'O(log N); ≈ log_20 N + 1 with k = 20 (Maymounkov & Mazières 2002)',
  pastry: 'log_16 N (Rowstron & Druschel 2001, b = 4)',
  can: '(d/4)·N^(1/d) (Ratnasamy et al. 2001)',
  flood: 'messages grow with the network (Ritter 2001, Lv et al. 2002)',
  walk: 'fewer messages than flooding, can miss (Lv et al. 2002)',
};

/** The seed's claim for a million nodes. */
export const SEED_MILLION_HOPS = 20;
