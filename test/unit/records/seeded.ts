// Seeds for randomized tests: SEED=<n> replays one seed, otherwise each test uses its default.
// On failure the error names the seed and the one command that replays it (CONVENTIONS.md §6).
// No Node APIs: this file also runs in Chromium, where `process` does not exist.
import { createPrng, type Prng } from '../../../src/dht/prng.ts';

interface MaybeProcess {
  process?: { env?: Record<string, string | undefined> };
}

export function seedOverride(): number | undefined {
  const raw = (globalThis as MaybeProcess).process?.env?.SEED;
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

/** Runs `body` once per seed (the override alone if SEED is set); rethrows with seed and replay command. */
export function forSeeds(file: string, seeds: readonly number[], body: (rng: Prng) => void): void {
  const override = seedOverride();
  for (const seed of override === undefined ? seeds : [override]) {
    try {
      body(createPrng(seed));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`seed ${seed} failed: ${message}\n  replay: SEED=${seed} npx mocha --no-config --timeout 120000 --node-option import=tsx ${file}`, { cause: err });
    }
  }
}

/** `count` consecutive seeds from a base, so a test covers many inputs and names each one. */
export function seedRange(base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => base + i);
}
