import type { Rng } from '../ports/rng.ts';

/**
 * A small, fast, seeded PRNG (sfc32, seeded through splitmix32). Deterministic for a given seed on
 * every JS engine, which is what makes a simulator run replayable from its printed seed. Not for
 * cryptography: keys and secrets come from WebCrypto.
 */
export interface Prng extends Rng {
  /** The seed this generator started from, for replay commands. */
  readonly seed: number;
  /** Derives an independent generator (for example one per simulated node). */
  fork(): Prng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createPrng(seed: number): Prng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 mixes its state in its first few rounds.
  for (let i = 0; i < 12; i++) nextU32();
  const prng: Prng = {
    seed,
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    fork: () => createPrng(nextU32()),
  };
  return prng;
}

/** `count` random lowercase hex digits from `rng` (ids in the simulator). */
export function randomHex(rng: Rng, count: number): string {
  let out = '';
  while (out.length < count) out += rng.int(0x10000).toString(16).padStart(4, '0');
  return out.slice(0, count);
}

/** An exponentially distributed sample with the given mean (session times, Poisson arrivals). */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}
