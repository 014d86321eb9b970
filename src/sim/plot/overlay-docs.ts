// Builds docs/overlays.md and docs/plots/*.svg from measurements made on the spot: every number
// in the page comes from a run of the same code the experiments use, with its seed. Pure (returns
// file contents); write-overlay-docs.ts puts them on disk.
import { createPrng } from '../../dht/prng.ts';
import { runSuite, type SuiteRow } from '../overlays/suite.ts';
import { createChordStatic } from '../overlays/chord-static.ts';
import { createKademlia } from '../overlays/kademlia.ts';
import { createPastry } from '../overlays/pastry.ts';
import { createCan } from '../overlays/can.ts';
import { keyLoad, type Overlay } from '../overlays/overlay.ts';
import { SPACE_SIZE, successorIndex } from '../overlays/id-space.ts';
import { createWorld, failureSet, randomLookups } from '../overlays/world.ts';
import { round } from '../overlays/measure.ts';
import { claimedHops, CLAIM_SOURCES, SEED_MILLION_HOPS } from '../overlays/claims.ts';
import { runHotspots, virtualRing, type HotspotRow } from '../experiments/hotspots.ts';
import { lineChart, type Series } from './svg-chart.ts';

export interface OverlayDocsInit {
  seed: number;
  /** Sizes of the sweep. @default [100, 1000, 10000, 100000] */
  sizes?: number[];
  /** Also run the structured overlays at 10^6 nodes. @default true */
  million?: boolean;
  /** Size for the failure sweep, load curves and hotspots. @default 10000 */
  detailNodes?: number;
  log?: (line: string) => void;
  /**
   * The rows of a saved \`npm run sim -- compare --nodes 1000000 --json\` run, used instead of running
   * the million-node overlays again; with its wall time and memory.
   */
  millionRun?: { rows: SuiteRow[]; wallSeconds?: number; rssMB?: number; source: string };
  /** Wall clock (ms) and peak resident memory (MB) for the million-node figures. */
  clock?: () => number;
  peakMemoryMB?: () => number;
}

export interface OverlayDocs {
  /** Relative path → contents. */
  files: Record<string, string>;
}

const FAILED_FRACTIONS = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
export const seriesName = (r: SuiteRow): string => (r.overlay === 'can' ? `can ${r.variant}` : r.overlay);

export function groupSeries(rows: SuiteRow[], y: (r: SuiteRow) => number, x: (r: SuiteRow) => number = (r) => r.nodes): Series[] {
  const by = new Map<string, [number, number][]>();
  for (const r of rows) {
    const name = seriesName(r) + (r.construction === 'protocol' ? ' (protocol)' : '');
    const list = by.get(name) ?? [];
    list.push([x(r), y(r)]);
    by.set(name, list);
  }
  return [...by.entries()].map(([name, points]) => ({ name, points: points.sort((a, b) => a[0] - b[0]) }));
}

/** Fraction of lookups that find the data when each key is stored on its first `replicas` successors. */
function chordDataAvailability(nodes: number, seed: number, fraction: number, replicas: number, lookups: number): number {
  const world = createWorld(nodes, seed);
  const chord = createChordStatic({ ids: world.ids, seed });
  chord.fail(failureSet(createPrng(seed + 2), nodes, fraction));
  const reqs = randomLookups(createPrng(seed + 3), lookups, chord.network.alive);
  let ok = 0;
  for (const { from, key } of reqs) {
    const r = chord.lookup(from, key);
    if (!chord.isCorrect(key, r) || r.owner === undefined) continue;
    const first = successorIndex(world.ids, key);
    if ((r.owner - first + nodes) % nodes < replicas) ok++;
  }
  return ok / lookups;
}

function mdTable(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function buildOverlayDocs(init: OverlayDocsInit): OverlayDocs {
  const seed = init.seed;
  const log = init.log ?? ((): void => {});
  const sizes = init.sizes ?? [100, 1000, 10_000, 100_000];
  const detail = init.detailNodes ?? 10_000;
  const files: Record<string, string> = {};

  // 1. The size sweep: every overlay at every size, plus the structured ones at a million.
  const sweep: SuiteRow[] = [];
  for (const nodes of sizes) {
    log(`docs: sweep N=${nodes}`);
    sweep.push(...runSuite({ nodes, seed, lookups: 1000, afterFailure: false, log }));
  }
  let millionNote = '';
  if (init.millionRun !== undefined) {
    sweep.push(...init.millionRun.rows);
    millionNote = `The 10^6-node rows come from \`${init.millionRun.source}\`` +
      (init.millionRun.wallSeconds !== undefined ? ` (${init.millionRun.wallSeconds} s wall, ${init.millionRun.rssMB ?? '?'} MB resident at the end, on this shared 2-core machine).` : '.');
  } else if (init.million !== false) {
    log('docs: structured overlays at 10^6 nodes');
    const t0 = init.clock?.() ?? 0;
    sweep.push(...runSuite({ nodes: 1_000_000, seed, lookups: 1000, afterFailure: false, overlays: ['chord', 'kademlia', 'pastry', 'can'], log }));
    const wall = ((init.clock?.() ?? 0) - t0) / 1000;
    millionNote = init.clock !== undefined ? `(this docs run: ${round(wall, 1)} s for the four structured overlays at 10^6 nodes, 1000 lookups each; peak memory of the whole docs run ${round(init.peakMemoryMB?.() ?? NaN, 0)} MB)` : '';
  }
  files['plots/hops-vs-nodes.svg'] = lineChart({
    title: 'Mean lookup hops vs network size',
    xLabel: 'nodes',
    yLabel: 'mean hops',
    xLog: true,
    yLog: true,
    series: [
      ...groupSeries(sweep, (r) => r.meanHops),
      { name: 'chord claim ½·log2 N', dashed: true, points: [...new Set(sweep.map((r) => r.nodes))].sort((a, b) => a - b).map((n) => [n, 0.5 * Math.log2(n)]) },
    ],
  });
  files['plots/messages-vs-nodes.svg'] = lineChart({
    title: 'Messages per lookup vs network size',
    xLabel: 'nodes',
    yLabel: 'messages per lookup',
    xLog: true,
    yLog: true,
    series: [
      ...groupSeries(sweep, (r) => r.messagesPerLookup),
      { name: 'the network size N', dashed: true, points: sizes.map((n) => [n, n]) },
    ],
  });

  // 2. Failures: success vs failed fraction at the detail size (no repair: static tables).
  const failRows: SuiteRow[] = [];
  for (const f of FAILED_FRACTIONS) {
    log(`docs: failures ${f}`);
    failRows.push(...runSuite({ nodes: detail, seed, lookups: 500, failedFraction: f, log }));
  }
  const replicaLines: Series[] = [1, 3, 6].map((rep) => ({
    name: `chord data, ${rep} replica${rep > 1 ? 's' : ''}`,
    dashed: true,
    points: FAILED_FRACTIONS.map((f): [number, number] => [f, chordDataAvailability(detail, seed, f, rep, 500)]),
  }));
  files['plots/success-vs-failures.svg'] = lineChart({
    title: `Lookup success vs failed fraction (N = ${detail}, no repair)`,
    xLabel: 'fraction of nodes failed',
    yLabel: 'success rate',
    yMin: 0,
    yMax: 1,
    series: [...groupSeries(failRows, (r) => r.successRateAfterFail, (r) => r.failedFraction), ...replicaLines],
  });

  // 3. Storage load: keys per node (sorted) for each geometry, 100 uniform keys per node.
  log('docs: load curves');
  const world = createWorld(detail, seed);
  const keyRng = createPrng(seed + 4);
  const keys = new Float64Array(100 * detail);
  for (let i = 0; i < keys.length; i++) keys[i] = Math.floor(keyRng.next() * SPACE_SIZE);
  const vnodes = Math.round(Math.log2(detail));
  const vring = virtualRing(detail, vnodes, createPrng(seed + 11));
  const vOwner = new Float64Array(detail);
  for (const k of keys) {
    const p = vring.physical[successorIndex(vring.ids, k)] ?? 0;
    vOwner[p] = (vOwner[p] ?? 0) + 1;
  }
  const overlays: [string, Overlay][] = [
    ['chord', createChordStatic({ ids: world.ids, seed })],
    ['kademlia', createKademlia({ ids: world.ids, seed })],
    ['pastry', createPastry({ ids: world.ids, seed })],
    ['can d=2', createCan({ nodes: detail, seed, dimensions: 2 })],
    ['can d=4', createCan({ nodes: detail, seed, dimensions: 4 })],
  ];
  const curve = (counts: ArrayLike<number>): [number, number][] => {
    const sorted = Float64Array.from(counts).sort().reverse();
    const meanLoad = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    const pts: [number, number][] = [];
    for (let rank = 1; rank <= sorted.length; rank = Math.max(rank + 1, Math.floor(rank * 1.25))) pts.push([rank, (sorted[rank - 1] ?? 0) / meanLoad]);
    return pts;
  };
  const loadMax: Record<string, number> = {};
  const loadSeries: Series[] = overlays.map(([name, o]) => {
    const counts = keyLoad(o, detail, keys);
    loadMax[name] = round(Math.max(...counts) / 100, 2);
    return { name, points: curve(counts) };
  });
  loadMax[`chord, ${vnodes} virtual nodes`] = round(Math.max(...vOwner) / 100, 2);
  loadSeries.push({ name: `chord, ${vnodes} virtual nodes`, points: curve(vOwner) });
  files['plots/load-distribution.svg'] = lineChart({
    title: `Keys per node / mean, nodes sorted by load (N = ${detail}, 100 keys per node)`,
    xLabel: 'node rank',
    yLabel: 'keys / mean',
    xLog: true,
    series: loadSeries,
  });

  // 4. Hotspots (Zipf) and walks with a fixed budget.
  log('docs: hotspots');
  const hot = runHotspots({ nodes: detail, seed, json: false, log }).rows as unknown as HotspotRow[];
  const walkAt1000 = sweep.find((r) => r.overlay === 'walk' && r.nodes === 1000);
  const fixedWalk: { nodes: number; ttl: number; success: number }[] = [];
  if (walkAt1000?.ttl !== undefined) {
    for (const nodes of sizes.filter((n) => n > 1000)) {
      const row = runSuite({ nodes, seed, lookups: 1000, afterFailure: false, overlays: ['walk'], walkTtl: walkAt1000.ttl, log })[0];
      if (row !== undefined) fixedWalk.push({ nodes, ttl: walkAt1000.ttl, success: row.successRate });
    }
  }

  // 5. The page.
  const at = (overlay: string, nodes: number, variant?: string): SuiteRow | undefined =>
    sweep.find((r) => r.overlay === overlay && r.nodes === nodes && (variant === undefined || r.variant === variant));
  const chordRows = sweep.filter((r) => r.overlay === 'chord').sort((a, b) => a.nodes - b.nodes);
  const firstChord = chordRows[0];
  const lastChord = chordRows[chordRows.length - 1];
  const perDoubling = firstChord !== undefined && lastChord !== undefined && lastChord.nodes > firstChord.nodes
    ? (lastChord.meanHops - firstChord.meanHops) / Math.log2(lastChord.nodes / firstChord.nodes) : NaN;
  const floodLo = at('flood', sizes[0] ?? 100);
  const floodHi = at('flood', sizes[sizes.length - 1] ?? 100_000);
  const chordLo = at('chord', sizes[0] ?? 100);
  const chordHi = at('chord', sizes[sizes.length - 1] ?? 100_000);
  const sizeRatio = (sizes[sizes.length - 1] ?? 1) / (sizes[0] ?? 1);
  const million = sweep.filter((r) => r.nodes === 1_000_000);
  const fail30 = failRows.filter((r) => r.failedFraction === 0.3);
  const rep30 = replicaLines.map((s) => `${s.name}: ${round(s.points.find(([f]) => f === 0.3)?.[1] ?? NaN, 3)}`);
  const hotRow = (variant: string, metric: string): HotspotRow | undefined => hot.find((h) => h.variant.startsWith(variant) && h.metric === metric && h.system === 'chord');

  const claims: (string | number)[][] = [
    ['A million nodes need about 20 hops (the seed; Chord: ½·log2 N ≈ 10)',
      million.length > 0 ? million.map((r) => `${seriesName(r)}: mean ${r.meanHops}, max ${r.maxHops}`).join('; ') : 'not run (million: false)'],
    ['Doubling the network adds one hop (Chord paper: half a hop, ½·log2 N)',
      `chord: +${round(perDoubling, 3)} hops per doubling (${firstChord?.meanHops} hops at ${firstChord?.nodes} → ${lastChord?.meanHops} at ${lastChord?.nodes})`],
    ['Flooding traffic grows faster than the network',
      `network ×${sizeRatio}: flooding messages per lookup ×${round((floodHi?.messagesPerLookup ?? NaN) / (floodLo?.messagesPerLookup ?? NaN), 0)} (${floodLo?.messagesPerLookup} → ${floodHi?.messagesPerLookup}); chord ×${round((chordHi?.messagesPerLookup ?? NaN) / (chordLo?.messagesPerLookup ?? NaN), 2)}. Per lookup it grows in step with N, so the total for N nodes each searching grows as N²`],
    ['Random walks can miss content that exists',
      fixedWalk.length > 0 ? `16 walkers with the TTL that found 95 % at 1000 nodes (${walkAt1000?.ttl}): ${fixedWalk.map((w) => `${round(w.success * 100, 1)} % at ${w.nodes}`).join(', ')}; with the TTL retuned per size (on separate requests, for 95 %) they found ${sweep.filter((r) => r.overlay === 'walk').map((r) => `${round(r.successRate * 100, 1)} %`).join(', ')} at ${sweep.filter((r) => r.overlay === 'walk').map((r) => r.nodes).join(', ')} nodes` : 'n/a'],
    ['Consistent hashing spreads keys evenly (with virtual nodes)',
      `max/mean keys per node at ${detail} nodes: ${Object.entries(loadMax).map(([k, v]) => `${k} ${v}`).join(', ')}`],
    ['Replication keeps data reachable',
      `30 % of nodes failed, no repair, N = ${detail}: ${rep30.join('; ')}`],
    ['Popular keys make hotspots on a DHT; caching along paths spreads them',
      `busiest node's share of query messages (Zipf s = 1): ring ${hotRow('no virtual nodes', 'query messages received')?.busiestPercent} %, with virtual nodes ${hotRow(`${vnodes} virtual`, 'query messages received')?.busiestPercent} %, with path caching ${hotRow('no virtual nodes, caching', 'query messages received')?.busiestPercent} %`],
  ];

  const compareRows = sweep.filter((r) => r.nodes >= 1000).map((r) => [
    seriesName(r), r.variant, r.nodes, r.meanHops, claimedHops(r.overlay, r.variant, r.nodes) === undefined ? '' : round(claimedHops(r.overlay, r.variant, r.nodes) ?? 0, 2), r.maxHops,
    r.messagesPerLookup, r.stateEntriesPerNode, r.successRate, r.maxKeyLoadOverMean,
  ]);
  const failTable = fail30.map((r) => [seriesName(r), r.variant, r.successRateAfterFail]);
  const hotTable = hot.map((h) => [h.system, h.variant, h.metric, h.maxOverMean, h.busiestPercent, h.meanHops ?? '', h.messagesPerLookup ?? '']);

  files['overlays.md'] = `# The seed's overlays side by side

<!-- Generated by \`npm run sim -- overlay-docs\` (src/sim/plot/write-overlay-docs.ts), seed ${seed}. Do not edit by hand. -->

Every number on this page was measured by the simulator when this page was generated (seed ${seed}),
with the same code as \`npm run sim -- compare | unstructured | hotspots\`.

## How the overlays are simulated

- **Message level.** A lookup travels hop by hop on a simulated network with a virtual clock
  (\`src/sim/event-queue.ts\`), ${'10–150'} ms per message; a message to a failed node costs a 500 ms
  per-hop timeout, after which the sender tries its next-best candidate where the geometry has one.
  Hops count the final hop to the owner. Messages count every request, reply and duplicate.
- **Static construction.** Chord (fingers + 20 successors), Kademlia (k = 20 buckets, α = 3 iterative
  lookups), Pastry (b = 4, leaf set 16) and CAN (d = 2 and 4, zones split by sequential joins) have their
  tables built from the oracle, as in the Chord paper's static experiments. Failures are silent and
  nothing is repaired, so "after failure" numbers are the routing geometry's own resilience.
- **Compact representation.** Ids are 32-bit numbers in one sorted \`Uint32Array\` (a million nodes need
  ~20 bits of prefix, so 32 bits keep every routing rule). A finger, a k-bucket, a Pastry cell or a leaf
  set is a prefix or successor range of that array, picked by a seeded hash of (node, slot): it is
  computed when a lookup asks for it instead of being stored, so a table entry is the same whether stored
  or recomputed, and 10^6 nodes cost O(N) memory. CAN keeps its split tree and zone corners in typed
  arrays and finds neighbours on demand. The same code runs at every size.
- **Unstructured.** A random graph of mean degree 6 (each node links to 3 random peers) and a power-law
  graph (preferential attachment). Each object has 10 copies on random nodes. Flooding forwards every
  first copy to all other neighbours until the TTL; random walks use 16 walkers that check back every 4
  steps. TTLs are tuned per size on 1000 separate requests to reach 95 % success. Not finding an object
  is reported as a failure.
- **Chord protocol rows.** \`compare\` adds, for N ≤ 10^4, rows from the real protocol core (\`src/dht\`
  with the wire codec) in the lead's simulator (\`src/sim/chord-sim.ts\`): warm start from the oracle, then
  60 s of live maintenance before measuring, its own 160-bit ids. Joining 10^3 nodes one by one took 12
  minutes of this machine, so these rows do not use joins. This page uses the static rows.

## Claims next to our measurements

${mdTable(['Claim', 'Measured'], claims)}

${millionNote}

![Mean hops vs nodes](plots/hops-vs-nodes.svg)

![Messages per lookup vs nodes](plots/messages-vs-nodes.svg)

![Success vs failed fraction](plots/success-vs-failures.svg)

![Load distribution](plots/load-distribution.svg)

## compare (N ≥ 1000)

${mdTable(['overlay', 'variant', 'nodes', 'mean hops', 'paper hops', 'max hops', 'messages/lookup', 'state/node', 'success', 'max/mean keys'], compareRows)}

Paper hop formulas: ${Object.entries(CLAIM_SOURCES).filter(([k]) => ['chord', 'pastry', 'can', 'kademlia'].includes(k)).map(([k, v]) => `${k}: ${v}`).join('; ')}. The seed's figure for a million nodes: about ${SEED_MILLION_HOPS} hops.

## After 30 % of nodes fail (N = ${detail}, no repair)

${mdTable(['overlay', 'variant', 'success'], failTable)}

CAN answers a dead zone from the live neighbour that reaches it (takeover, before repair); its greedy
routing has no fallback when every closer neighbour is dead, which is why it suffers most without repair.
Flooding and walks keep the TTL tuned before the failure; objects whose copies all died cannot be found.

## Hotspots: Zipf-popular objects (s = 1, N = ${detail})

${mdTable(['system', 'variant', 'metric', 'max/mean', 'busiest %', 'mean hops', 'messages/lookup'], hotTable)}

## Regenerate

\`\`\`
npm run sim -- compare --nodes 1000000 --json | tail -n 1 > docs/data/compare-1000000.json
npm run sim -- overlay-docs          # this page and docs/plots/*.svg (uses the saved 10^6 rows)
\`\`\`
`;
  return { files };
}
