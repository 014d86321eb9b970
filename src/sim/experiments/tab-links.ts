// `npm run sim -- tablinks`: the links a tab holds with the browser's core settings (BROWSER_CHORD)
// as the finger base varies — its own routing state and, what a tab pays for, every open WebRTC
// link, the ones other nodes' fingers opened to it included — beside the hops a lookup takes.
// Links are bidirectional, so a node after a wide gap of the ring carries many others' fingers:
// the maximum is set by that skew, the mean by the base.
import { BROWSER_CHORD } from '../../dht/config.ts';
import { createChordSimulation } from '../chord-sim.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';
import { formatTable } from '../overlays/measure.ts';
import type { NodeId } from '../../wire/ids.ts';

export const tabLinksDefaults = { sizes: [16, 32, 64], bases: [2, 3, 4], seeds: 3, lookups: 300, settleMs: 120_000 };

export function runTabLinks(opts: ExperimentOptions): ExperimentResult {
  const sizes = opts.nodes === undefined ? tabLinksDefaults.sizes : [opts.nodes];
  const seeds = opts.seeds ?? tabLinksDefaults.seeds;
  const rows: Record<string, unknown>[] = [];
  for (const nodes of sizes) {
    for (const fingerBase of tabLinksDefaults.bases) {
      let openMax = 0;
      let openSum = 0;
      let routingMax = 0;
      let counted = 0;
      let hops = 0;
      let answered = 0;
      let wrong = 0;
      for (let s = 0; s < seeds; s++) {
        const sim = createChordSimulation({ nodes, seed: opts.seed + s, successors: BROWSER_CHORD.successors ?? 3, build: 'warm', chord: { ...BROWSER_CHORD, fingerBase } });
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
      rows.push({ nodes, fingerBase, seeds, routingLinksMax: routingMax, openLinksMean: Number((openSum / counted).toFixed(1)), openLinksMax: openMax, meanHops: Number((hops / answered).toFixed(2)), wrongOrFailed: wrong });
      opts.log(`tablinks: N=${nodes} base ${fingerBase} → open links max ${openMax}, mean hops ${(hops / answered).toFixed(2)}`);
    }
  }
  return {
    experiment: 'tablinks',
    note: `browser core settings (BROWSER_CHORD: r = ${BROWSER_CHORD.successors}) with the finger base of the row; rings built warm, ${tabLinksDefaults.settleMs / 1000} s of maintenance, ${tabLinksDefaults.lookups} lookups, links counted 30 s later; routingLinks = the node's own predecessor, successors and fingers (the budget 2·log2 N + r); openLinks = every link it holds, others' fingers to it included`,
    rows,
    table: formatTable(rows, ['nodes', 'fingerBase', 'seeds', 'routingLinksMax', 'openLinksMean', 'openLinksMax', 'meanHops', 'wrongOrFailed']),
  };
}

export const tabLinks: OverlayExperiment = { name: 'tablinks', describe: 'links per tab and hops with the browser settings, by finger base', defaults: tabLinksDefaults, run: runTabLinks };
