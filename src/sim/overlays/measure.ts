// What the experiments measure on any Overlay: run a batch of lookups and summarise hops,
// messages, success against the oracle, and per-node message load.
import type { Overlay } from './overlay.ts';
import type { LookupRequest } from './world.ts';
import { mean, percentile } from './world.ts';

export interface BatchStats {
  lookups: number;
  /** Fraction of lookups whose answer the oracle accepts. */
  successRate: number;
  /** Hops of the successful lookups. */
  meanHops: number;
  p99Hops: number;
  maxHops: number;
  messagesPerLookup: number;
  meanTimeouts: number;
  meanLatencyMs: number;
  /** The busiest node's received messages per lookup. */
  maxNodeLoad: number;
}

export function runBatch(overlay: Overlay, requests: LookupRequest[]): BatchStats {
  overlay.network.resetLoad();
  const hops: number[] = [];
  let ok = 0;
  let messages = 0;
  let timeouts = 0;
  let latency = 0;
  for (const { from, key } of requests) {
    const r = overlay.lookup(from, key);
    messages += r.messages;
    timeouts += r.timeouts;
    latency += r.latencyMs;
    if (overlay.isCorrect(key, r)) {
      ok++;
      hops.push(r.hops);
    }
  }
  const count = Math.max(1, requests.length);
  let maxLoad = 0;
  for (const l of overlay.network.load) maxLoad = Math.max(maxLoad, l);
  return {
    lookups: requests.length,
    successRate: ok / count,
    meanHops: mean(hops),
    p99Hops: percentile(hops, 99),
    maxHops: hops.reduce((a, b) => Math.max(a, b), 0),
    messagesPerLookup: messages / count,
    meanTimeouts: timeouts / count,
    meanLatencyMs: latency / count,
    maxNodeLoad: maxLoad / count,
  };
}

/** Max over mean of per-node counts. */
export function maxOverMean(counts: ArrayLike<number>): number {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] ?? 0;
    sum += c;
    if (c > max) max = c;
  }
  return sum === 0 ? 0 : max / (sum / counts.length);
}

/** Rounds for tables and JSON: `digits` decimals. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A plain-text table of `rows` with the given columns (right-aligned numbers). */
export function formatTable(rows: Record<string, unknown>[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => {
    const v = r[c];
    return v === undefined || v === null ? '' : typeof v === 'number' ? (Number.isNaN(v) ? '–' : String(round(v))) : typeof v === 'string' ? v : JSON.stringify(v);
  }));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
