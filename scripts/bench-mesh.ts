// `npm run bench:mesh -- --tabs N [--json]` (DESIGN.md §9): N headless Chromium tabs, each its own
// browser context, join one Chord ring over WebRTC through the embedded local relay; then, in the
// same run, a trystero full-mesh room of the same N as the baseline. Loopback only.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPerson, newTab } from '../test/e2e/harness/browser.ts';
import { startBuiltMeshPages, startLocalRelay } from '../test/e2e/harness/servers.ts';
import { startRelayProcess } from './relay-process.ts';
import { beginRingTabs, blankRingTab, loadHeldRingTab, oracleOwner, randomKey, refreshIds, startRingTab, waitForRing, type RingOptions, type RingTab } from '../test/e2e/mesh/mesh-harness.ts';
import type { TestTab } from '../test/e2e/harness/browser.ts';
import { createPrng } from '../src/dht/prng.ts';
import type { BrowserNodeStatus } from '../src/runtime/browser-node.ts';
import type { NodeId } from '../src/wire/ids.ts';

type OpenOrder = 'together' | 'one-by-one';
/**
 * Where the clock starts. `loaded`: every page is loaded first and every node (every baseline
 * room) starts at one instant — the time of the ring itself. `navigation`: at the first
 * navigation, so the time includes N pages booting at once (on 2 cores, 3 s at 16 tabs before
 * any page script ran; bench:mesh --timeline).
 */
type Clock = 'loaded' | 'navigation';

interface Args {
  tabs: number;
  json: boolean;
  lookups: number;
  open: OpenOrder;
  /** Print every tab's timeline (phase, problem and successor changes) after the ring run. */
  timeline: boolean;
  /** Skip the full-mesh baseline (while diagnosing the ring; a reported run includes it). */
  baseline: boolean;
  /** Links are counted again this long after the lookups (ms): once what the lookups opened has closed. */
  restMs: number;
  /** Run the relay in a process of its own instead of the harness's. */
  relayProcess: boolean;
  clock: Clock;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { tabs: 16, json: false, lookups: 1000, open: 'together', timeline: false, baseline: true, restMs: REST_AFTER_LOOKUPS_MS, relayProcess: false, clock: 'loaded' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') out.json = true;
    else if (flag === '--timeline') out.timeline = true;
    else if (flag === '--no-baseline') out.baseline = false;
    else if (flag === '--relay-process') out.relayProcess = true;
    else if (flag === '--open') {
      const v = argv[++i];
      if (v !== 'together' && v !== 'one-by-one') usage('--open is together or one-by-one');
      out.open = v;
    } else if (flag === '--clock') {
      const v = argv[++i];
      if (v !== 'loaded' && v !== 'navigation') usage('--clock is loaded or navigation');
      out.clock = v;
    } else if (flag === '--tabs' || flag === '--lookups') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 2) usage(`${flag} needs an integer ≥ 2`);
      if (flag === '--tabs') out.tabs = n;
      else out.lookups = n;
    } else if (flag === '--rest') {
      const seconds = Number(argv[++i]);
      if (!Number.isFinite(seconds) || seconds < 0) usage('--rest needs a number of seconds ≥ 0');
      out.restMs = seconds * 1000;
    } else usage(`unknown flag ${String(flag)}`);
  }
  return out;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run bench:mesh -- --tabs N [--lookups L] [--open together|one-by-one] [--clock loaded|navigation] [--timeline] [--no-baseline] [--rest S] [--relay-process] [--json]\n`);
  process.exit(2);
}

/** A tab's neighbours as it sees them now (for the report of a wrong owner). */
async function statusLine(tab: RingTab): Promise<string> {
  const s = await tab.page.evaluate(() => window.ring.status()).catch(() => null);
  if (!s) return `${tab.id.slice(0, 8)}: no status`;
  return `${tab.id.slice(0, 8)}: pred ${s.predecessor?.slice(0, 8) ?? '—'} succ ${s.successors.map((x) => x.slice(0, 8)).join(' ')} links ${s.links.length}`;
}

/** Links are counted again this long after the lookups by default (ms): past the browser core's lookup deadline (12 s). */
const REST_AFTER_LOOKUPS_MS = 15_000;

/**
 * The most links any tab holds now; on stderr, why the tab with the most holds each of them: its
 * own ring state (predecessor, successors, fingers), another tab's ring state that names it, or
 * neither (a link a route or a merge left), with who opened it (the side that closes it).
 */
async function busiestTabLinks(tabs: readonly RingTab[], when: string): Promise<number> {
  const statuses = await Promise.all(tabs.map((t) => t.page.evaluate(() => window.ring.status()).catch(() => null)));
  const opened = await Promise.all(tabs.map((t) => t.page.evaluate(() => window.ring.node?.driver.node.snapshot().initiated ?? []).catch((): NodeId[] => [])));
  const known = statuses.filter((st): st is BrowserNodeStatus => st !== null);
  const busiest = known.reduce<BrowserNodeStatus | null>((a, b) => (a === null || b.links.length > a.links.length ? b : a), null);
  if (busiest === null) {
    console.error(`links ${when}: no tab answered`);
    return 0;
  }
  const own = new Set([busiest.predecessor, ...busiest.successors, ...busiest.fingers]);
  const names = (st: BrowserNodeStatus): boolean => st.predecessor === busiest.self || st.successors.includes(busiest.self) || st.fingers.includes(busiest.self);
  const theirs = new Set(known.filter(names).map((st) => st.self));
  const count = { own: 0, theirs: 0 };
  const neither: string[] = [];
  for (const peer of busiest.links) {
    if (own.has(peer)) count.own++;
    else if (theirs.has(peer)) count.theirs++;
    else {
      const at = statuses.findIndex((st) => st?.self === peer);
      const other = statuses[at];
      const openedBy = [opened[statuses.indexOf(busiest)]?.includes(peer) ? 'it' : '', opened[at]?.includes(busiest.self) ? 'the peer' : ''].filter(Boolean).join(' and ') || 'neither side';
      neither.push(`${peer.slice(0, 8)} (${other ? (other.links.includes(busiest.self) ? 'open on both sides' : 'closed on its side') : 'no status'}, opened by ${openedBy})`);
    }
  }
  console.error(`links of the busiest tab ${busiest.self.slice(0, 8)} ${when}: ${busiest.links.length} = ${count.own} of its own ring state (${busiest.fingers.length} fingers) + ${count.theirs} that name it in theirs + ${neither.length} neither${neither.length > 0 ? `: ${neither.join(', ')}` : ''}`);
  return busiest.links.length;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};

/** The held pages' nodes start this long after the harness asks them (ms): time for the call to reach all N pages. */
const BEGIN_MARGIN_MS = 500;

/**
 * Starts pages loaded held back: all at one instant BEGIN_MARGIN_MS from now, or one after
 * another, each through `begin(page, at)`. Returns when the clock started (ms since the epoch)
 * and what each `begin` gave.
 */
async function beginHeld<P, R>(pages: readonly P[], order: OpenOrder, begin: (page: P, at: number) => Promise<R>): Promise<{ started: number; results: R[] }> {
  if (order === 'together') {
    const started = Date.now() + BEGIN_MARGIN_MS;
    return { started, results: await Promise.all(pages.map((p) => begin(p, started))) };
  }
  const started = Date.now();
  const results: R[] = [];
  for (const p of pages) results.push(await begin(p, Date.now()));
  return { started, results };
}

/**
 * Opens the ring tabs — all at once (N people arriving together: the hardest case for ring
 * formation) or one after another — and starts the clock per `clock`. Returns the tabs, when the
 * clock started (ms since the epoch) and how long loading the pages took before it.
 */
async function openRingTabs(blank: readonly TestTab[], opts: RingOptions, order: OpenOrder, clock: Clock): Promise<{ tabs: RingTab[]; started: number; pagesLoadedMs: number }> {
  if (clock === 'navigation') {
    const started = Date.now();
    const tabs: RingTab[] = [];
    if (order === 'together') tabs.push(...(await Promise.all(blank.map((t) => startRingTab(t, opts, 120_000)))));
    else for (const t of blank) tabs.push(await startRingTab(t, opts, 120_000));
    return { tabs, started, pagesLoadedMs: 0 };
  }
  const loading = Date.now();
  await Promise.all(blank.map((t) => loadHeldRingTab(t, opts)));
  const pagesLoadedMs = Date.now() - loading;
  const { started, results } = await beginHeld(blank, order, (t, at) => beginRingTabs([t], at));
  return { tabs: results.flat(), started, pagesLoadedMs };
}

/**
 * Opens N ring tabs and times the ring from the clock's start (openRingTabs). Each person's
 * browser (a context with a blank tab) is ready before: starting 32 browser profiles is the
 * harness's cost, not the ring's (it took 5 s of a 16-tab run, bench --timeline).
 */
async function ringRun(browser: Browser, origin: string, relayUrl: string, args: Args) {
  const { tabs: n, lookups, open: order, timeline, restMs } = args;
  const roomId = `bench-ring-${Date.now()}`;
  const opts = { origin, relayUrl, roomId, separateContexts: true };
  const blank = await Promise.all(Array.from({ length: n }, () => blankRingTab(browser, opts)));
  const { tabs, started, pagesLoadedMs } = await openRingTabs(blank, opts, order, args.clock);
  const allStartedMs = Date.now() - started;
  try {
    await waitForRing(tabs, 180_000);
  } finally {
    if (timeline) await printTimeline(tabs, started);
  }
  const convergedMs = Date.now() - started;
  const joins: number[] = [];
  // Links: the most any tab held at any moment (bootstrap, bridges and joins included), and the
  // most any tab holds once the ring has converged (its routing state: the budget's subject).
  let linksPerTabMax = 0;
  let linksAtConvergenceMax = 0;
  for (const t of tabs) {
    const r = await t.page.evaluate(() => ({
      join: (window.ring.joinedAt ?? NaN) - window.ring.startedAt,
      links: window.ring.maxLinks,
      now: window.ring.status()?.links.length ?? 0,
    }));
    joins.push(r.join);
    linksPerTabMax = Math.max(linksPerTabMax, r.links);
    linksAtConvergenceMax = Math.max(linksAtConvergenceMax, r.now);
  }
  const rng = createPrng(n);
  const ids = await refreshIds(tabs);
  const latencies: number[] = [];
  let wrong = 0;
  const wrongOnes: string[] = [];
  const failures: string[] = [];
  for (let i = 0; i < lookups; i++) {
    const tab = tabs[i % tabs.length] as RingTab;
    const key = randomKey(() => rng.next());
    try {
      const r = await tab.page.evaluate((k) => window.ring.lookup(k), key);
      latencies.push(r.ms);
      const expected = oracleOwner(ids, key);
      if (r.owner !== expected) {
        wrong++;
        // Which tab asked, when, and what it and the owners thought: a wrong answer after convergence means the ring moved.
        const [asker, answered, oracle] = await Promise.all([tab, tabs.find((t) => t.id === r.owner), tabs.find((t) => t.id === expected)].map((t) => (t ? statusLine(t) : Promise.resolve('—'))));
        wrongOnes.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${tab.id.slice(0, 8)} → ${key.slice(0, 8)} answered ${r.owner.slice(0, 8)} in ${r.hops} hops, oracle ${expected.slice(0, 8)}\n    asker ${asker}\n    answered ${answered}\n    oracle ${oracle}`);
      }
    } catch (error) {
      // A failed lookup is a result to report, not a reason to stop measuring.
      failures.push(`${tab.id.slice(0, 8)} → ${key.slice(0, 8)}: ${String(error).split('\n')[0]}`);
    }
  }
  if (failures.length > 0) console.error(`failed lookups:\n  ${failures.slice(0, 10).join('\n  ')}`);
  if (wrongOnes.length > 0) console.error(`wrong owners:\n  ${wrongOnes.slice(0, 10).join('\n  ')}`);
  // Links once the merge's bridges and the joins' extra links had time to go (after the lookups),
  // and at rest: once every route the lookups left could have expired (the browser core's lookup
  // deadline, 12 s) and its links closed.
  const linksAfterLookupsMax = await busiestTabLinks(tabs, 'after the lookups');
  const settledAfterMs = Date.now() - started - convergedMs;
  await new Promise((r) => setTimeout(r, restMs));
  const linksAtRestMax = await busiestTabLinks(tabs, `${restMs / 1000} s after the lookups`);
  const unjoined = joins.filter((j) => Number.isNaN(j)).length;
  for (const t of tabs) await t.page.context().close();
  return { convergedMs, pagesLoadedMs, allStartedMs, joinP50Ms: percentile(joins.filter((j) => !Number.isNaN(j)), 50), linksPerTabMax, linksAtConvergenceMax, linksAfterLookupsMax, settledAfterMs, linksAtRestMax, lookupP50Ms: percentile(latencies, 50), lookupP99Ms: percentile(latencies, 99), wrongOwners: wrong, failedLookups: failures.length, unjoined };
}

/** Every tab's timeline on one clock (seconds since the clock's start), to stderr. */
async function printTimeline(tabs: readonly RingTab[], started: number): Promise<void> {
  const lines: { at: number; text: string }[] = [];
  for (const t of tabs) {
    const events = await t.page.evaluate(() => window.ring.timeline).catch(() => []);
    for (const e of events) lines.push({ at: e.at, text: `${t.id.slice(0, 6)} ${e.what}` });
  }
  lines.sort((a, b) => a.at - b.at);
  for (const l of lines) console.error(`${((l.at - started) / 1000).toFixed(2).padStart(7)} s  ${l.text}`);
  // Per tab: the RTCPeerConnections its page created (trystero's and the ring's; Chromium allows
  // 500 per page) and the errors it logged.
  for (const t of tabs) {
    const created = await t.page.evaluate(() => (window as unknown as { LoopbackRTCPeerConnection?: { created?: number } }).LoopbackRTCPeerConnection?.created ?? null).catch(() => null);
    const ring = await t.page
      .evaluate(() => {
        const s = window.ring.node?.transport.stats();
        return s ? `${s.peerConnectionsCreated} by the ring's transport (${s.linkFailures} links failed, ${s.heartbeatTimeouts} heartbeat timeouts, ${s.connectTimeouts} connects timed out)` : null;
      })
      .catch(() => null);
    const errors = t.errors.messages;
    console.error(`${t.id.slice(0, 6)}: ${created ?? '?'} RTCPeerConnections created, ${ring ?? '? by the ring'}; ${errors.length} errors logged${errors.length > 0 ? `: ${errors.slice(0, 3).map((e) => e.slice(0, 160)).join(' | ')}` : ''}`);
  }
}

async function fullMeshRun(browser: Browser, origin: string, relayUrl: string, n: number, order: OpenOrder, clock: Clock, timeoutMs = 120_000) {
  const roomId = `bench-mesh-${Date.now()}`;
  // As for the ring: every person's browser is open before the clock starts, and with the
  // `loaded` clock every page too, each joining the room at one instant.
  const blank = await Promise.all(Array.from({ length: n }, async () => (await newTab(await newPerson(browser), [/WebSocket connection/])).page));
  const url = `${origin}/test/e2e/mesh/full-mesh-page.html?relays=${encodeURIComponent(relayUrl)}&roomId=${roomId}${clock === 'loaded' ? '&hold=1' : ''}`;
  const loading = Date.now();
  let started = loading;
  const open = async (page: Page): Promise<Page> => {
    await page.goto(url);
    if (clock === 'loaded') await page.waitForFunction(() => typeof (window as Partial<Window>).fullMesh?.begin === 'function');
    return page;
  };
  const pages: Page[] = [];
  if (order === 'together') pages.push(...(await Promise.all(blank.map(open))));
  else for (const page of blank) pages.push(await open(page));
  const pagesLoadedMs = clock === 'loaded' ? Date.now() - loading : 0;
  if (clock === 'loaded') ({ started } = await beginHeld(pages, order, (p, at) => p.evaluate((when) => window.fullMesh.begin(when), at)));
  let complete = false;
  while (Date.now() - started < timeoutMs) {
    const counts = await Promise.all(pages.map((p) => p.evaluate(() => window.fullMesh.peers)));
    if (counts.every((c) => c === n - 1)) {
      complete = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const fullMeshMs = complete ? Date.now() - started : null;
  const counts = await Promise.all(pages.map((p) => p.evaluate(() => window.fullMesh.peers)));
  for (const p of pages) await p.context().close();
  return { fullMeshMs, pagesLoadedMs, linksPerTab: Math.max(...counts), incompleteTabs: counts.filter((c) => c !== n - 1).length };
}

const args = parseArgs(process.argv.slice(2));
const relay = args.relayProcess ? await startRelayProcess() : await startLocalRelay();
// Built pages (one bundle each), not the dev server: the benchmark times the ring, not page loads.
const server = await startBuiltMeshPages();
const browser = await launchChromium();
try {
  // The relay's share of the 2 cores is part of what the tabs wait for.
  const cpuBefore = process.cpuUsage();
  const relayBefore = 'stats' in relay ? relay.stats().events : relay.cpuSeconds();
  const ring = await ringRun(browser, server.origin, relay.url, args);
  const cpu = process.cpuUsage(cpuBefore);
  const harnessCpu = ((cpu.user + cpu.system) / 1e6).toFixed(1);
  if ('stats' in relay) console.error(`relay and harness process during the ring run: ${harnessCpu} s of CPU, ${relay.stats().events - relayBefore} relay events`);
  else console.error(`during the ring run: the relay's own process ${(relay.cpuSeconds() - relayBefore).toFixed(1)} s of CPU, the harness's ${harnessCpu} s`);
  const baseline = args.baseline ? await fullMeshRun(browser, server.origin, relay.url, args.tabs, args.open, args.clock) : null;
  const result = { tabs: args.tabs, open: args.open, clock: args.clock, ...ring, baseline };
  console.log(`tabs ${args.tabs} opened ${args.open}, clock from ${args.clock === 'loaded' ? `the nodes' common start (pages loaded first, in ${ring.pagesLoadedMs} ms)` : 'the first navigation'} (every node had an id after ${ring.allStartedMs} ms): ring converged in ${ring.convergedMs} ms (join p50 ${ring.joinP50Ms.toFixed(0)} ms), at most ${ring.linksPerTabMax} links per tab at any moment, ${ring.linksAtConvergenceMax} once converged, ${ring.linksAfterLookupsMax} after the lookups (${(ring.settledAfterMs / 1000).toFixed(0)} s later) and ${ring.linksAtRestMax} ${args.restMs / 1000} s after them, lookups p50 ${ring.lookupP50Ms.toFixed(1)} ms / p99 ${ring.lookupP99Ms.toFixed(1)} ms over ${args.lookups} (${ring.wrongOwners} wrong owners, ${ring.failedLookups} failed, ${ring.unjoined} tabs unjoined)`);
  if (baseline) console.log(`baseline trystero full mesh: ${baseline.fullMeshMs === null ? 'did not complete' : `${baseline.fullMeshMs} ms`}, ${baseline.linksPerTab} links per tab (${baseline.incompleteTabs} tabs short of a full mesh)`);
  else console.log('baseline: skipped (--no-baseline)');
  if (args.json) console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
  await relay.close();
}
