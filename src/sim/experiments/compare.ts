// `npm run sim -- compare [--nodes N] [--seed S] [--seeds K] [--json]`: every overlay of the seed's
// comparison on the same nodes, keys, failure set and seed (DESIGN.md §9 row shape).
// Structured tables are built statically from the oracle, as in the Chord paper's static runs,
// and computed on demand from the sorted ids (docs/overlays.md): that is what makes --nodes 10^6
// fit. Flooding and random walks run up to 10^5 nodes.
import { ALL_OVERLAYS, runSuite, type SuiteRow } from '../overlays/suite.ts';
import { formatTable, round } from '../overlays/measure.ts';
import { claimedHops, SEED_MILLION_HOPS } from '../overlays/claims.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import type { OverlayWorld } from '../overlays/world.ts';
import { PROTOCOL_MAX_NODES, protocolChordRows } from '../overlays/chord-protocol.ts';

/** Above this size only the structured overlays run (flooding 10^6 nodes per lookup is the point the seed makes). */
export const UNSTRUCTURED_MAX_NODES = 100_000;

export interface CompareRow extends Omit<SuiteRow, 'successRateAfterFail' | 'failedFraction'> {
  successRateAfterFail30: number;
  claimHops?: number;
  seed: number;
}

export interface CompareHooks {
  /** Rows from the real Chord protocol for a world (src/sim/chord-sim.ts), when available. */
  protocolChord?: (world: OverlayWorld, lookups: number) => SuiteRow[];
}

export const compareDefaults = { sizes: [1000, 10_000, 100_000], lookups: 1000, failedFraction: 0.3, canDimensions: [2, 4] };

const isProbe = (f: unknown): f is () => number => typeof f === 'function';

export function runCompare(opts: ExperimentOptions, hooks: CompareHooks = {}): ExperimentResult {
  const sizes = opts.nodes !== undefined ? [opts.nodes] : compareDefaults.sizes;
  const rows: CompareRow[] = [];
  const probes = opts as { wallMs?: unknown; memoryMB?: unknown };
  const started = isProbe(probes.wallMs) ? probes.wallMs() : 0;
  for (let s = 0; s < (opts.seeds ?? 1); s++) {
    const seed = opts.seed + s;
    for (const nodes of sizes) {
      const protocol = hooks.protocolChord;
      const suite = runSuite({
        nodes,
        seed,
        lookups: compareDefaults.lookups,
        failedFraction: compareDefaults.failedFraction,
        canDimensions: compareDefaults.canDimensions,
        overlays: nodes > UNSTRUCTURED_MAX_NODES ? ['chord', 'kademlia', 'pastry', 'can'] : ALL_OVERLAYS,
        log: opts.log,
        ...(protocol !== undefined ? { extraRows: (world: OverlayWorld) => protocol(world, compareDefaults.lookups) } : {}),
      });
      for (const r of suite) {
        const { successRateAfterFail, failedFraction: _f, ...rest } = r;
        const claim = claimedHops(r.overlay, r.variant, nodes);
        rows.push({ ...rest, successRateAfterFail30: successRateAfterFail, ...(claim !== undefined ? { claimHops: round(claim, 2) } : {}), seed });
      }
    }
  }
  const columns = ['overlay', 'variant', 'construction', 'nodes', 'meanHops', 'claimHops', 'p99Hops', 'maxHops', 'messagesPerLookup',
    'stateEntriesPerNode', 'successRate', 'successRateAfterFail30', 'maxKeyLoadOverMean'];
  const million = rows.filter((r) => r.nodes >= 1_000_000);
  const lines = [
    'Structured tables: static construction from the oracle (as the Chord paper\'s static experiments), computed on demand from the sorted 32-bit ids.',
    'Chord rows marked "protocol": the real core (src/dht) in the lead\'s simulator, warm start + 60 s live maintenance, its own ids (same N, seed), N ≤ 10^4.',
    'Hops count the final hop to the owner. successRateAfterFail30: 30 % of nodes fail silently, no repair, per-hop timeouts.',
    formatTable(rows as unknown as Record<string, unknown>[], columns),
  ];
  if (million.length > 0) {
    lines.push(`The seed: "a million nodes need about ${SEED_MILLION_HOPS} hops". Measured at ${million[0]?.nodes ?? 0} nodes: ` +
      million.map((r) => `${r.overlay} ${r.variant}: mean ${r.meanHops}, max ${r.maxHops}`).join('; '));
  }
  // The CLI passes a wall clock and a memory probe (experiments stay free of Node APIs).
  const extra: Record<string, number> = {};
  if (isProbe(probes.wallMs) && isProbe(probes.memoryMB)) {
    extra.wallSeconds = round((probes.wallMs() - started) / 1000, 1);
    extra.rssMBAtEnd = round(probes.memoryMB(), 0);
  }
  return {
    experiment: 'compare',
    ...extra,
    construction: 'static (oracle-built tables, computed on demand); chord rows marked "protocol" ran the real core: warm start then live maintenance',
    hopCounting: 'the final hop to the owner counts',
    seedClaimHopsAtMillion: SEED_MILLION_HOPS,
    rows: rows as unknown as Record<string, unknown>[],
    table: lines.join('\n'),
  };
}

/** The real protocol's rows (lead's ChordSimulation) up to PROTOCOL_MAX_NODES. */
export const protocolHook: CompareHooks = {
  protocolChord: (world, lookups) => world.ids.length > PROTOCOL_MAX_NODES ? [] : protocolChordRows({
    nodes: world.ids.length, seed: world.seed, lookups, failedFraction: compareDefaults.failedFraction,
  }),
};

export const compare: OverlayExperiment = {
  name: 'compare',
  describe: 'Chord, Kademlia, Pastry, CAN, flooding and random walks on the same nodes, keys and failures (hops, messages, state, load)',
  defaults: compareDefaults,
  run: (opts) => runCompare(opts, protocolHook),
};

export default compare;
