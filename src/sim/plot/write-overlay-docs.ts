// Writes docs/overlays.md and docs/plots/*.svg (the `overlay-docs` experiment). Node-only: the
// page and plots are built by overlay-docs.ts; this file measures wall time and memory and writes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resourceUsage } from 'node:process';
import { buildOverlayDocs, type OverlayDocsInit } from './overlay-docs.ts';
import type { SuiteRow } from '../overlays/suite.ts';

/** Where the saved million-node compare run lives (the last stdout line of the command). */
export const MILLION_JSON = 'data/compare-1000000.json';
const MILLION_COMMAND = 'npm run sim -- compare --nodes 1000000 --json | tail -n 1 > docs/data/compare-1000000.json';

/** Reads the saved run: rows with numeric fields, renamed back to the suite's names. */
function readMillionRun(path: string): OverlayDocsInit['millionRun'] {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const parsed: unknown = JSON.parse(lines[lines.length - 1] ?? '{}');
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const obj = parsed as Record<string, unknown>;
  if (obj.experiment !== 'compare' || !Array.isArray(obj.rows)) return undefined;
  const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const rows: SuiteRow[] = (obj.rows as unknown[]).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map((r) => ({
    overlay: str(r.overlay), variant: str(r.variant), graph: str(r.graph), construction: r.construction === 'protocol' ? 'protocol' : 'static',
    nodes: num(r.nodes), lookups: num(r.lookups), meanHops: num(r.meanHops), p99Hops: num(r.p99Hops), maxHops: num(r.maxHops),
    messagesPerLookup: num(r.messagesPerLookup), stateEntriesPerNode: num(r.stateEntriesPerNode), successRate: num(r.successRate),
    failedFraction: 0.3, successRateAfterFail: num(r.successRateAfterFail30), maxKeyLoadOverMean: num(r.maxKeyLoadOverMean),
    maxNodeLoad: num(r.maxNodeLoad), meanLatencyMs: num(r.meanLatencyMs),
  }));
  return {
    rows,
    source: MILLION_COMMAND,
    ...(typeof obj.wallSeconds === 'number' ? { wallSeconds: obj.wallSeconds } : {}),
    ...(typeof obj.rssMBAtEnd === 'number' ? { rssMB: obj.rssMBAtEnd } : {}),
  };
}
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';

export interface WriteOverlayDocsOptions {
  seed?: number;
  /** Include the 10^6-node structured runs. @default true */
  million?: boolean;
  log?: (line: string) => void;
}

/** Measures everything and writes the page and plots under `outDir` (e.g. "docs"). Returns the paths. */
export function writeOverlayDocs(outDir: string, opts: WriteOverlayDocsOptions = {}): string[] {
  const millionRun = readMillionRun(join(outDir, MILLION_JSON));
  const docs = buildOverlayDocs({
    ...(millionRun !== undefined ? { millionRun } : {}),
    seed: opts.seed ?? 1,
    million: opts.million ?? true,
    log: opts.log ?? ((): void => {}),
    clock: () => performance.now(),
    peakMemoryMB: () => resourceUsage().maxRSS / 1024,
  });
  const written: string[] = [];
  for (const [rel, content] of Object.entries(docs.files)) {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}

export const overlayDocs: OverlayExperiment = {
  name: 'overlay-docs',
  describe: `Measures the overlays and writes docs/overlays.md and docs/plots/*.svg; 10^6 rows from docs/${MILLION_JSON} when saved (else run here; --nodes 1 skips them)`,
  defaults: { outDir: 'docs' },
  run(opts: ExperimentOptions): ExperimentResult {
    const files = writeOverlayDocs('docs', { seed: opts.seed, million: opts.nodes === undefined || opts.nodes >= 1_000_000, log: opts.log });
    return { experiment: 'overlay-docs', rows: files.map((file) => ({ file })) };
  },
};

export default overlayDocs;
