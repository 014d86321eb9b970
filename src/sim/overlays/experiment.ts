// The experiment module shape the simulator CLI (src/sim/cli.ts) runs: DESIGN.md §9.

export interface ExperimentOptions {
  /** Replaces the experiment's default sizes with this one size. */
  nodes?: number;
  seed: number;
  /** Repeat with this many seeds (seed, seed+1, …) where the experiment supports it. */
  seeds?: number;
  json: boolean;
  /** Progress lines for humans (stderr in the CLI). */
  log: (line: string) => void;
}

export interface ExperimentResult {
  experiment: string;
  rows: Record<string, unknown>[];
  /** A human table, when the CLI's default table is not good enough. */
  table?: string;
  [extra: string]: unknown;
}

export interface OverlayExperiment {
  name: string;
  describe: string;
  defaults: Record<string, unknown>;
  run(opts: ExperimentOptions): ExperimentResult;
}
