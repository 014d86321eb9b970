/**
 * A source of randomness. The core only ever draws from an injected Rng, so the simulator can
 * replay a run from its seed and the browser can seed from crypto.getRandomValues.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}
