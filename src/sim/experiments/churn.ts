// `npm run sim -- churn`: ToN Table III — N ≈ 1000, joins and leaves each Poisson at rate R per
// second, stabilize uniform in [15, 45] s, one lookup per second (10^4 of them, so 10^4 s of churn
// per rate); failed lookups with and without retries, beside the maintenance traffic that buys
// them, and the acknowledged writes the replicated store lost meanwhile.
import { createChordSimulation, type LookupOutcome } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import type { NodeId } from '../../wire/ids.ts';
import { mean } from './chord-stats.ts';
import { lostAckedWrites, scheduleChurnWrites } from './churn-writes.ts';

/** ToN Table III: failed lookups per 10^4 at each rate (the paper's "without retries" column). */
const TON_FAILED = new Map<number, number>([[0.05, 0], [0.1, 1], [0.15, 2], [0.2, 3], [0.25, 5], [0.3, 8], [0.35, 11], [0.4, 15]]);

export const churnDefaults = { nodes: 1000, rates: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4], lookups: 10_000, lookupsPerSecond: 1, retries: 2, retryDelayMs: 1000, warmupMs: 300_000, writesPerSecond: 1 };

export function runChurn(opts: ExperimentOptions & { successors?: number }): ExperimentResult {
  const rows: Record<string, unknown>[] = [];
  const rates = churnDefaults.rates;
  for (const rate of rates) {
    const nodes = opts.nodes ?? churnDefaults.nodes;
    const sim = createChordSimulation({ nodes, seed: opts.seed, successors: opts.successors ?? 20, build: 'warm', store: {} });
    sim.build();
    sim.runFor(churnDefaults.warmupMs);
    const durationMs = (churnDefaults.lookups / churnDefaults.lookupsPerSecond) * 1000;
    const end = sim.now + durationMs;
    // Poisson joins and leaves (leaves are crashes: peers learn from link failure or timeouts).
    const scheduleJoin = (): void => sim.at(sim.nextArrivalMs(rate), () => {
      if (sim.now < end) {
        sim.joinNode();
        scheduleJoin();
      }
    });
    const scheduleLeave = (): void => sim.at(sim.nextArrivalMs(rate), () => {
      if (sim.now < end) {
        sim.crash([sim.randomLiveId()]);
        scheduleLeave();
      }
    });
    scheduleJoin();
    scheduleLeave();
    // Signed writes through the replicated store throughout the churn (issue 3).
    const writes = scheduleChurnWrites(sim, churnDefaults.writesPerSecond, end, `${opts.seed}-${rate}`);
    const first: (LookupOutcome | undefined)[] = [];
    const final: (LookupOutcome | undefined)[] = [];
    // The node each lookup's first and last attempt started from: a node that crashes while its
    // lookup is out never hears the answer (there is no one left to ask it).
    const firstOrigin: NodeId[] = [];
    const lastOrigin: NodeId[] = [];
    const before = { m: sim.totals.maintenanceMessages, b: sim.totals.maintenanceBytes, t: sim.now };
    const gap = 1000 / churnDefaults.lookupsPerSecond;
    for (let i = 0; i < churnDefaults.lookups; i++) {
      sim.at(i * gap, () => {
        const ids = sim.liveIds().filter((id) => sim.node(id)?.joined);
        const from = ids[sim.rng.int(ids.length)] as NodeId;
        const key = sim.randomId();
        const attempt = (n: number): void => {
          const origin = sim.nodes.get(from)?.alive ? from : (ids[sim.rng.int(ids.length)] as NodeId);
          if (n === 0) firstOrigin[i] = origin;
          lastOrigin[i] = origin;
          sim.startLookup(origin, key, (o) => {
            if (n === 0) first[i] = o;
            if (o.owner === null && n < churnDefaults.retries) sim.at(churnDefaults.retryDelayMs, () => attempt(n + 1));
            else final[i] = o;
          });
        };
        attempt(0);
      });
    }
    sim.runUntil(end + 30_000);
    const seconds = (sim.now - before.t) / 1000;
    const liveNodes = sim.liveIds().length;
    const done = first.filter((o): o is LookupOutcome => o !== undefined);
    // Unanswered because the asking node crashed: neither a success nor a routing failure, so they
    // leave the denominator and are counted in their own column (with retries: the last asker).
    const crashedWithOrigin = (outcomes: (LookupOutcome | undefined)[], origins: NodeId[]): number =>
      origins.filter((origin, i) => outcomes[i] === undefined && !sim.nodes.get(origin)?.alive).length;
    const lostFirst = crashedWithOrigin(first, firstOrigin);
    const lostFinal = crashedWithOrigin(final, lastOrigin);
    const failedFirst = churnDefaults.lookups - lostFirst - done.filter((o) => o.correct).length;
    const failedFinal = churnDefaults.lookups - lostFinal - final.filter((o) => o?.correct).length;
    rows.push({
      rate,
      meanHops: mean(done.filter((o) => o.correct).map((o) => o.hops)),
      meanTimeouts: mean(done.map((o) => o.timeouts)),
      failedLookupsPer10k: (failedFirst / (churnDefaults.lookups - lostFirst)) * 10_000,
      failedWithRetriesPer10k: (failedFinal / (churnDefaults.lookups - lostFinal)) * 10_000,
      originCrashed: lostFirst,
      tonFailedPer10k: TON_FAILED.get(rate),
      ackedWrites: writes.acked.length,
      lostAckedWrites: lostAckedWrites(sim, writes),
      maintenanceMsgsPerNodePerSec: (sim.totals.maintenanceMessages - before.m) / liveNodes / seconds,
      maintenanceBytesPerNodePerSec: (sim.totals.maintenanceBytes - before.b) / liveNodes / seconds,
    });
    opts.log(`churn: rate ${rate}/s → ${failedFirst} failed of ${churnDefaults.lookups - lostFirst} (${failedFinal} after retries; ${lostFirst} unanswered as their origin crashed), ${writes.acked.length} acked writes, ${String(rows.at(-1)?.['lostAckedWrites'])} lost`);
  }
  return {
    experiment: 'churn',
    note: 'a lookup fails unless its answer names the key’s owner at the moment that owner answered (ToN: it reaches the key’s current successor; a joining node owns its range once its successor has taken it as predecessor); lookups start 1 s apart from random ring members (originCrashed: lookups whose origin crashed before the answer came, left out of the per-10^4 figures); leaves are crashes (link failure seen after 5 s, or timeouts); a failed lookup is retried up to twice, 1 s apart (failedWithRetriesPer10k); one signed write per second goes through the replicated store (R = 3, W = 2) during the churn; lostAckedWrites counts acknowledged writes that no live node holds 30 s after the churn ends; maintenance = Chord messages other than user lookups, store traffic excluded',
    rows,
    table: formatTable(rows, ['rate', 'meanHops', 'meanTimeouts', 'failedLookupsPer10k', 'tonFailedPer10k', 'failedWithRetriesPer10k', 'originCrashed', 'maintenanceMsgsPerNodePerSec', 'maintenanceBytesPerNodePerSec', 'ackedWrites', 'lostAckedWrites']),
  };
}

export const churn: OverlayExperiment = { name: 'churn', describe: 'ToN Table III: Poisson joins and leaves at 0.05 … 0.40 /s each', defaults: churnDefaults, run: runChurn };
