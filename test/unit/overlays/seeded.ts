// Seeds for the overlay tests: SEED=<n> replays one seed; a failure names its seed and the
// command that replays it (CONVENTIONS.md §6). No Node APIs: these tests also run in Chromium.

interface MaybeProcess {
  process?: { env?: Record<string, string | undefined> };
}

function seedOverride(): number | undefined {
  const raw = (globalThis as MaybeProcess).process?.env?.SEED;
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

/** Runs `body(seed)` for each seed (only SEED when set); rethrows with the seed and the replay command. */
export function forSeeds(file: string, seeds: readonly number[], body: (seed: number) => void): void {
  const override = seedOverride();
  for (const seed of override === undefined ? seeds : [override]) {
    try {
      body(seed);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`seed ${seed} failed: ${message}\n  replay: SEED=${seed} npx mocha --no-config --node-option import=tsx ${file}`, { cause: err });
    }
  }
}
