// `npm run sim -- safety [--seeds K]`: random schedules of joins, crashes and partitions with
// heals on small rings (r = 2 … 4, where the original Chord is known to break; fingers by id or by
// rank), checking Zave's invariants and the exact ring after every quiet period. A failure prints
// its seed and the one command that replays it.
import { createChordSimulation, type ChordSimulation } from '../chord-sim.ts';
import { checkInvariants, type InvariantViolation } from '../invariants.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import type { NodeId } from '../../wire/ids.ts';

export const safetyDefaults = { seeds: 1000, rounds: 4 };

/** Fast periods so a schedule of several quiet periods costs milliseconds of CPU. */
const FAST = { stabilizeMs: 1000, fixFingersMs: 4000, hopTimeoutMs: 300, requestTimeoutMs: 600, lookupTimeoutMs: 4000, lostPeerMemoryMs: 60_000 };
/** Longest quiet period (ms of virtual time): 60 stabilize periods of the FAST setting. */
const QUIET_MS = 60_000;
/** Shortest quiet period (ms): ten stabilize periods, so repairs, not just backup lists, are checked. */
const QUIET_MIN_MS = 10_000;
/** The invariants are checked this often (ms) within a quiet period. */
const QUIET_STEP_MS = 2_000;

export interface SafetyFailure {
  seed: number;
  round: number;
  violations: InvariantViolation[];
  replay: string;
}

/** One schedule; returns the first violation found, or null. */
export function runSafetySeed(seed: number): SafetyFailure | null {
  const probe = createChordSimulation({ nodes: 1, seed });
  const successors = 2 + probe.rng.int(3);
  const start = 3 + probe.rng.int(12);
  // Half the seeds choose fingers by rank, as tabs do (BROWSER_CHORD): fingers route every join.
  const fingersBy = probe.rng.int(2) === 0 ? 'id' : 'rank';
  const sim = createChordSimulation({ nodes: start, seed, successors, chord: { ...FAST, fingersBy }, joinIntervalMs: 700 });
  sim.build();
  // A quiet period lasts until the ring is exact, QUIET_MS at most: only a ring that is still
  // wrong (or structurally broken) after the whole period is a violation.
  const check = (round: number): SafetyFailure | null => {
    sim.runFor(QUIET_MIN_MS);
    let violations = checkInvariants(sim, true);
    for (let waited = QUIET_MIN_MS; waited < QUIET_MS && violations.length > 0; waited += QUIET_STEP_MS) {
      sim.runFor(QUIET_STEP_MS);
      violations = checkInvariants(sim, true);
    }
    if (violations.length === 0) return null;
    return { seed, round, violations, replay: `npm run sim -- safety --seed ${seed} --seeds 1` };
  };
  let failure = check(0);
  for (let round = 1; round <= safetyDefaults.rounds && failure === null; round++) {
    step(sim, successors);
    failure = check(round);
  }
  return failure;
}

/** One random disturbance within Zave's failure assumption (fewer than r adjacent crashes at once). */
function step(sim: ChordSimulation, successors: number): void {
  const choice = sim.rng.int(3);
  const ids = sim.liveIds();
  if (choice === 0) {
    const joins = 1 + sim.rng.int(4);
    for (let i = 0; i < joins; i++) sim.at(i * 300, () => sim.joinNode());
  } else if (choice === 1 && ids.length > successors + 2) {
    // Crash up to r−1 nodes, no two adjacent.
    const count = 1 + sim.rng.int(successors - 1);
    const first = sim.rng.int(ids.length);
    const victims: NodeId[] = [];
    for (let i = 0; i < count; i++) victims.push(ids[(first + 2 * i) % ids.length] as NodeId);
    sim.crash(victims);
  } else if (ids.length >= 4) {
    // Partition a random contiguous arc from the rest, then heal.
    const groups = new Map<NodeId, number>();
    const first = sim.rng.int(ids.length);
    const size = 1 + sim.rng.int(Math.floor(ids.length / 2));
    for (let i = 0; i < size; i++) groups.set(ids[(first + i) % ids.length] as NodeId, 1);
    sim.partition(groups);
    sim.runFor(5_000 + sim.rng.int(20_000));
    sim.heal();
  }
}

export function runSafety(opts: ExperimentOptions): ExperimentResult {
  const seeds = opts.seeds ?? safetyDefaults.seeds;
  const failures: SafetyFailure[] = [];
  for (let i = 0; i < seeds; i++) {
    const failure = runSafetySeed(opts.seed + i);
    if (failure) {
      failures.push(failure);
      opts.log(`safety: seed ${failure.seed} round ${failure.round}: ${failure.violations.map((v) => `${v.invariant} (${v.detail})`).join('; ')} — replay: ${failure.replay}`);
    }
  }
  const first = failures[0];
  return {
    experiment: 'safety',
    rows: [{ seeds, violations: failures.length }],
    firstFailingSeed: first?.seed ?? null,
    replay: first?.replay ?? null,
    failures: failures.slice(0, 20),
  };
}

export const safety: OverlayExperiment = {
  name: 'safety',
  describe: 'random join / crash / partition-and-heal schedules, invariants after each quiet period',
  defaults: safetyDefaults,
  run: runSafety,
};
