import { expect } from 'chai';
import { runCompare } from '../../../src/sim/experiments/compare.ts';
import { runUnstructured } from '../../../src/sim/experiments/unstructured.ts';
import { runHotspots } from '../../../src/sim/experiments/hotspots.ts';
import { lineChart } from '../../../src/sim/plot/svg-chart.ts';

const quiet = { json: true, log: (): void => {} };

/** The CLI prints the result as one JSON line: it must survive a round trip. */
function roundTrip(result: unknown): Record<string, unknown> {
  const parsed: unknown = JSON.parse(JSON.stringify(result));
  expect(parsed).to.be.an('object');
  return parsed as Record<string, unknown>;
}

describe('overlays: experiments return the DESIGN.md §9 JSON shape (small N)', () => {
  it('compare: one row per overlay with the contract fields', () => {
    const out = roundTrip(runCompare({ ...quiet, nodes: 200, seed: 3 }));
    expect(out.experiment).to.equal('compare');
    expect(out.table).to.be.a('string');
    const rows = out.rows as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r.overlay))).to.include.members(['chord', 'kademlia', 'pastry', 'can', 'flood', 'walk']);
    for (const r of rows) {
      for (const field of ['nodes', 'meanHops', 'p99Hops', 'messagesPerLookup', 'stateEntriesPerNode', 'successRate', 'successRateAfterFail30', 'maxKeyLoadOverMean']) {
        expect(r[field], `${String(r.overlay)}.${field}`).to.be.a('number');
      }
      expect(r.nodes).to.equal(200);
      if (r.overlay !== 'flood' && r.overlay !== 'walk') expect(r.successRate, String(r.overlay)).to.equal(1);
    }
  });

  it('unstructured: chord, flood and walk rows with messages, success and the busiest node', () => {
    const out = roundTrip(runUnstructured({ ...quiet, nodes: 150, seed: 4 }));
    expect(out.experiment).to.equal('unstructured');
    const rows = out.rows as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r.method))).to.deep.equal(new Set(['chord', 'flood', 'walk']));
    for (const r of rows) {
      for (const field of ['nodes', 'messagesPerLookup', 'successRate']) expect(r[field]).to.be.a('number');
      // The real-protocol rows do not measure per-node load (null in JSON); the overlays' rows do.
      if (r.construction === 'protocol') expect(r.maxNodeLoad).to.equal(null);
      else expect(r.maxNodeLoad).to.be.a('number');
      expect(r.successRate).to.be.within(0, 1);
    }
  });

  it('hotspots: storage and query-load rows, with and without virtual nodes and caching', () => {
    const out = roundTrip(runHotspots({ ...quiet, nodes: 200, seed: 5 }));
    expect(out.experiment).to.equal('hotspots');
    const rows = out.rows as Record<string, unknown>[];
    expect(rows.some((r) => String(r.variant).includes('caching'))).to.equal(true);
    expect(rows.some((r) => String(r.variant).includes('virtual nodes') && r.metric === 'keys stored')).to.equal(true);
    for (const r of rows) expect(r.maxOverMean).to.be.a('number');
  });

  it('the SVG writer draws every series and escapes text', () => {
    const svg = lineChart({ title: 'a < b', xLabel: 'n', yLabel: 'h', xLog: true, series: [{ name: 'x&y', points: [[10, 1], [100, 2]] }] });
    expect(svg.startsWith('<svg')).to.equal(true);
    expect(svg).to.include('a &lt; b').and.include('x&amp;y').and.include('<path');
  });
});
