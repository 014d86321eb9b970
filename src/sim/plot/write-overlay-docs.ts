// Writes docs/overlays.md and docs/plots/*.svg (the `overlay-docs` experiment). Node-only: the
// page and plots are built by overlay-docs.ts; this file measures wall time and memory and writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resourceUsage } from 'node:process';
import { buildOverlayDocs } from './overlay-docs.ts';
import type { ExperimentOptions, ExperimentResult, OverlayExperiment } from '../overlays/experiment.ts';

export interface WriteOverlayDocsOptions {
  seed?: number;
  /** Include the 10^6-node structured runs. @default true */
  million?: boolean;
  log?: (line: string) => void;
}

/** Measures everything and writes the page and plots under `outDir` (e.g. "docs"). Returns the paths. */
export function writeOverlayDocs(outDir: string, opts: WriteOverlayDocsOptions = {}): string[] {
  const docs = buildOverlayDocs({
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
  describe: 'Measures the overlay comparison and writes docs/overlays.md and docs/plots/*.svg (add --nodes 1 to skip the 10^6 runs)',
  defaults: { outDir: 'docs' },
  run(opts: ExperimentOptions): ExperimentResult {
    const files = writeOverlayDocs('docs', { seed: opts.seed, million: opts.nodes === undefined || opts.nodes >= 1_000_000, log: opts.log });
    return { experiment: 'overlay-docs', rows: files.map((file) => ({ file })) };
  },
};

export default overlayDocs;
