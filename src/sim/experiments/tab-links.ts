// `npm run sim -- tablinks`: the links a tab holds with the browser's core settings (BROWSER_CHORD)
// as the choice of fingers varies (by id with base 2, 3 or 4; by rank) — its own routing state and, what a tab pays for, every open WebRTC
// link, the ones other nodes' fingers opened to it included — beside the hops a lookup takes.
// Links are bidirectional, so a node after a wide gap of the ring carries many others' fingers:
// the maximum is set by that skew, the mean by the base. Fingers by rank remove the skew.
import { BROWSER_CHORD, type ChordInit } from '../../dht/config.ts';
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import type { NodeId } from '../../wire/ids.ts';

export const tabLinksDefaults = { sizes: [16, 32, 64], bases: [2, 3, 4], seeds: 3, lookups: 300, settleMs: 120_000 };

/** The rows' finger choices: by id with each base, then by rank (which has no base). */
const fingerChoices: { label: string; chord: ChordInit }[] = [
  ...tabLinksDefaults.bases.map((fingerBase) => ({ label: `by id, base ${fingerBase}`, chord: { fingersBy: 'id' as const, fingerBase } })),
  { label: 'by rank', chord: { fingersBy: 'rank' } },
];

export function runTabLinks(opts: ExperimentOptions): ExperimentResult {
  const sizes = opts.nodes === undefined ? tabLinksDefaults.sizes : [opts.nodes];
  const seeds = opts.seeds ?? tabLinksDefaults.seeds;
  const rows: Record<string, unknown>[] = [];
  for (const nodes of sizes) {
    for (const choice of fingerChoices) {
      let openMax = 0;
      let openSum = 0;
      let routingMax = 0;
      let counted = 0;
      let hops = 0;
      let answered = 0;
      let wrong = 0;
      for (let s = 0; s < seeds; s++) {
        const sim = createChordSimulation({ nodes, seed: opts.seed + s, successors: BROWSER_CHORD.successors ?? 3, build: 'warm', chord: { ...BROWSER_CHORD, ...choice.chord } });
        sim.build();
        sim.runFor(tabLinksDefaults.settleMs);
        const ids = sim.liveIds();
        const outcomes = sim.runLookups(Array.from({ length: tabLinksDefaults.lookups }, () => ({ from: ids[sim.rng.int(ids.length)] as NodeId, key: sim.randomId() })), 5);
        for (const o of outcomes) {
          if (o?.correct) {
            hops += o.hops;
            answered++;
          } else wrong++;
        }
        // Once the lookups' route links had time to close: what the tabs hold at rest.
        sim.runFor(30_000);
        for (const id of ids) {
          const node = sim.node(id);
          if (!node) continue;
          openMax = Math.max(openMax, node.openLinkCount());
          openSum += node.openLinkCount();
          routingMax = Math.max(routingMax, node.routingLinkCount());
          counted++;
        }
      }
      rows.push({ nodes, fingers: choice.label, seeds, routingLinksMax: routingMax, openLinksMean: Number((openSum / counted).toFixed(1)), openLinksMax: openMax, meanHops: Number((hops / answered).toFixed(2)), wrongOrFailed: wrong });
      opts.log(`tablinks: N=${nodes} fingers ${choice.label} → open links max ${openMax}, mean hops ${(hops / answered).toFixed(2)}`);
    }
  }
  return {
    experiment: 'tablinks',
    note: `browser core settings (BROWSER_CHORD: r = ${BROWSER_CHORD.successors}) with the fingers of the row; rings built warm, ${tabLinksDefaults.settleMs / 1000} s of maintenance, ${tabLinksDefaults.lookups} lookups, links counted 30 s later; routingLinks = the node's own predecessor, successors and fingers (the budget 2·log2 N + r); openLinks = every link it holds, others' fingers to it included`,
    rows,
    table: formatTable(rows, ['nodes', 'fingers', 'seeds', 'routingLinksMax', 'openLinksMean', 'openLinksMax', 'meanHops', 'wrongOrFailed']),
  };
}

export const tabLinks: OverlayExperiment = { name: 'tablinks', describe: 'links per tab and hops with the browser settings, by choice of fingers', defaults: tabLinksDefaults, run: runTabLinks };
