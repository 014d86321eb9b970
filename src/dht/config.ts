// Options of the Chord core, with units and the reason for each default (CONVENTIONS.md §12).

export interface ChordInit {
  /**
   * Successor list length r. Correctness needs fewer than r consecutive simultaneous failures
   * (Zave 2017); the simulator uses the ToN setting r = 20, browsers a shorter list.
   * @default 8
   */
  successors?: number;
  /**
   * Finger base b: fingers at n + j·b^i for j = 1 … b−1 (DESIGN.md §3). Base 2 is classic Chord;
   * larger bases buy fewer hops with more fingers, capped by the link budget. Base 10 is the
   * largest that keeps N = 1000, r = 20 inside 2·log2 N + r links (measured in README.md).
   * @default 10
   */
  fingerBase?: number;
  /**
   * How fingers are chosen. 'id': finger i is the owner of self + offset i (classic Chord, with
   * `fingerBase`). 'rank': finger k is the node 2^k places after us, found by asking the node
   * 2^(k−1) places after us for its own finger k − 1 (rank-fingers.ts). By id, a node after a wide
   * gap of the ring is the finger of everyone whose starts fall in the gap; by rank, every node is
   * the finger of one node per level, so the links a node holds stay near 2·log2 N + r for every
   * node — what a tab pays for (`npm run sim -- tablinks`). `fingerBase` does not apply to 'rank'.
   * @default 'id'
   */
  fingersBy?: 'id' | 'rank';
  /** Mean stabilize period (ms); each round is jittered uniformly in [0.5, 1.5]× (ToN: 15–45 s). @default 30000 */
  stabilizeMs?: number;
  /**
   * Stabilize period (ms) right after a round that changed the successor: while the ring is
   * changing (joins, failures) each round moves the successor one step, so rounds follow quickly;
   * once a round changes nothing the normal period resumes (adaptive stabilization).
   * @default stabilizeMs / 30
   */
  stabilizeFastMs?: number;
  /** Every finger is refreshed by a lookup once per this period (ms), spread evenly. @default 120000 */
  fixFingersMs?: number;
  /** A hop must acknowledge a routed message within this time (ms), or the sender retries elsewhere. @default 500 */
  hopTimeoutMs?: number;
  /** Deadline (ms) of direct requests (get_neighbors, ping) and of link setup. @default 2000 */
  requestTimeoutMs?: number;
  /**
   * Deadline (ms) of a whole lookup at its origin: a backstop only, as per-hop acks and retries
   * already bound each step; after mass failure a lookup may need several timeouts in a row
   * (ToN Table II: 5.1 on average at 50 % failed). @default 30000
   */
  lookupTimeoutMs?: number;
  /** A tick this late (ms) after the previous one is a wake-up (sleep, hidden tab): re-verify at once. @default 4 × stabilizeMs */
  wakeGapMs?: number;
  /**
   * How long (ms) a failed node stays on the list of "lost" peers that stabilize probes now and
   * then; finding one alive again merges rings split by a partition. @default 600000
   */
  lostPeerMemoryMs?: number;
}

export type ChordConfig = Required<ChordInit>;

export function resolveConfig(init: ChordInit = {}): ChordConfig {
  const stabilizeMs = init.stabilizeMs ?? 30_000;
  const config: ChordConfig = {
    successors: init.successors ?? 8,
    fingerBase: init.fingerBase ?? 10,
    fingersBy: init.fingersBy ?? 'id',
    stabilizeMs,
    stabilizeFastMs: init.stabilizeFastMs ?? stabilizeMs / 30,
    fixFingersMs: init.fixFingersMs ?? 120_000,
    hopTimeoutMs: init.hopTimeoutMs ?? 500,
    requestTimeoutMs: init.requestTimeoutMs ?? 2_000,
    lookupTimeoutMs: init.lookupTimeoutMs ?? 30_000,
    wakeGapMs: init.wakeGapMs ?? 4 * stabilizeMs,
    lostPeerMemoryMs: init.lostPeerMemoryMs ?? 600_000,
  };
  if (!Number.isInteger(config.successors) || config.successors < 1 || config.successors > 64) {
    throw new Error(`successors must be an integer in 1…64: ${config.successors}`);
  }
  return config;
}

/**
 * Core options for tabs: a short successor list and fingers by rank keep links per tab low.
 * A tab pays for every open WebRTC link, others' fingers to it included, and a hop costs ~1 ms on
 * a LAN; `npm run sim -- tablinks` at N = 32 (warm rings, 3 seeds): fingers by id with base 2 hold
 * 11.8 links on average but 16 at most, because a node after a wide gap is everybody's finger;
 * by rank every node holds 11, for 2.63 hops against 2.52. The browser runtime runs these, and so
 * do the simulator's `merge` and `tablinks` experiments.
 */
export const BROWSER_CHORD: ChordInit = {
  successors: 3,
  fingersBy: 'rank',
  fingerBase: 2,
  // Every 2 s rather than 5: rings that formed apart merge sooner (`npm run sim -- merge`, medians
  // 5/2/1/3.5 s against 12/3/1/4.5 s for 8×2, 4×4, 2×8 and 4×8 nodes over 5 seeds), for one
  // get_neighbors exchange of a few hundred bytes every 2 s.
  stabilizeMs: 2_000,
  fixFingersMs: 20_000,
  hopTimeoutMs: 1_000,
  requestTimeoutMs: 4_000,
  lookupTimeoutMs: 12_000,
  // In tabs a failed connect is often a WebRTC handshake that went wrong, not a dead peer: forget
  // such suspicions after 20 s (10 stabilize periods), so the peer is adopted again when it answers.
  lostPeerMemoryMs: 20_000,
};
