// Shared by the mesh e2e tests and `npm run bench:mesh`: open ring-node tabs, read their status,
// compute the oracle ring from all their ids, and wait until every tab agrees with it.
import type { Browser, Page } from 'playwright-core';
import { newPerson, newTab, type TestTab } from '../harness/browser.ts';
import type { BrowserNodeStatus } from '../../../src/runtime/browser-node.ts';

export interface RingTab extends TestTab {
  id: string;
}

export interface RingOptions {
  origin: string;
  relayUrl: string;
  roomId: string;
  /** Put every tab in its own context (separate people) or all in one (one person's browser). */
  separateContexts: boolean;
}

/** RING_DISCOVERY_MS=<ms> in the environment overrides the tabs' discovery wait (A/B runs of the e2e and bench:mesh). */
export function ringPageUrl(opts: RingOptions, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ relays: opts.relayUrl, roomId: opts.roomId, channel: opts.roomId, ns: opts.roomId, ...(process.env['RING_DISCOVERY_MS'] ? { discoveryMs: process.env['RING_DISCOVERY_MS'] } : {}), ...extra });
  return `${opts.origin}/test/e2e/mesh/ring-page.html?${q.toString()}`;
}

/** Opens one ring tab and waits until its node has an id. */
export async function openRingTab(browser: Browser, opts: RingOptions, shared?: TestTab): Promise<RingTab> {
  return startRingTab(await blankRingTab(browser, opts, shared), opts);
}

/** A blank tab, in a new context or in `shared`'s: the browser a person already had open. */
export async function blankRingTab(browser: Browser, opts: RingOptions, shared?: TestTab): Promise<TestTab> {
  const context = opts.separateContexts || !shared ? await newPerson(browser) : shared.page.context();
  const tab = await newTab(context, [/WebSocket connection to .* failed/]);
  await listenToReports(tab.page);
  return tab;
}

/**
 * Each ring page pushes its status on every change (ring-page.ts calls window.ringReport), so
 * waitForRing sees the ring converge the moment the last tab's report comes in. Polling every
 * tab's status in turn took seconds per round with 32 busy tabs on 2 cores — the measured time
 * ran late by up to a round, and the polling took its share of the CPU the tabs were short of.
 */
const reports = new WeakMap<Page, BrowserNodeStatus>();
const onReport = new Set<() => void>();
/** Reports received so far: a wait can tell whether one came while it was not listening. */
let reportCount = 0;

async function listenToReports(page: Page): Promise<void> {
  await page.exposeFunction('ringReport', (status: BrowserNodeStatus) => {
    reports.set(page, status);
    reportCount++;
    for (const wake of onReport) wake();
  });
}

/** Resolves at once if a report came after the `seen`-th, else at the next one, or after `ms`. */
function nextReport(seen: number, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (reportCount !== seen) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      onReport.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    onReport.add(done);
  });
}

/** What is wrong with the ring as these statuses show it (oracle: every tab's id). */
function ringErrorsIn(tabs: readonly RingTab[], statuses: readonly (BrowserNodeStatus | null | undefined)[]): string[] {
  const ids = tabs.map((t, i) => statuses[i]?.self ?? t.id).sort();
  const errors: string[] = [];
  tabs.forEach((tab, k) => {
    const s = statuses[k];
    const self = s?.self ?? tab.id;
    const i = ids.indexOf(self);
    const succ = ids[(i + 1) % ids.length];
    const pred = ids[(i - 1 + ids.length) % ids.length];
    if (!s || s.phase !== 'online') errors.push(`${self.slice(0, 8)} is ${s?.phase ?? 'not started'}`);
    else if (s.successors[0] !== succ) errors.push(`${self.slice(0, 8)} successor ${s.successors[0]?.slice(0, 8)} ≠ ${succ?.slice(0, 8)}`);
    else if (s.predecessor !== pred) errors.push(`${self.slice(0, 8)} predecessor ${s.predecessor?.slice(0, 8)} ≠ ${pred?.slice(0, 8)}`);
  });
  return errors;
}

/**
 * Opens the ring page in `tab` (the person opens the URL) and waits until its node has an id —
 * up to `timeoutMs`: 32 pages loading at once on 2 cores took longer than 30 s for one of them.
 */
export async function startRingTab(tab: TestTab, opts: RingOptions, timeoutMs = 30_000): Promise<RingTab> {
  await tab.page.goto(ringPageUrl(opts), { timeout: timeoutMs });
  return nodeIdOf(tab, timeoutMs);
}

/**
 * Loads the ring page in `tab` with its node held back (ring-page.ts `hold`): the benchmark loads
 * every page first and then starts all nodes at one instant (beginRingTabs), so that the time it
 * reports is the ring's, not that of 32 renderer processes booting on 2 cores.
 */
export async function loadHeldRingTab(tab: TestTab, opts: RingOptions, timeoutMs = 120_000): Promise<void> {
  await tab.page.goto(ringPageUrl(opts, { hold: '1' }), { timeout: timeoutMs });
  await tab.page.waitForFunction(() => typeof (window as Partial<Window>).ring?.begin === 'function', undefined, { timeout: timeoutMs });
}

/** Starts the node of every held tab at wall-clock `at` (ms since the epoch) and waits for their ids. */
export async function beginRingTabs(tabs: readonly TestTab[], at: number, timeoutMs = 120_000): Promise<RingTab[]> {
  await Promise.all(tabs.map((t) => t.page.evaluate((when) => window.ring.begin(when), at)));
  return Promise.all(tabs.map((t) => nodeIdOf(t, timeoutMs)));
}

async function nodeIdOf(tab: TestTab, timeoutMs: number): Promise<RingTab> {
  const id = await tab.page.waitForFunction(() => window.ring.node?.self ?? window.ring.error, undefined, { timeout: timeoutMs });
  const value = await id.jsonValue();
  if (typeof value !== 'string' || !/^[0-9a-f]{40}$/.test(value)) throw new Error(`tab failed to start: ${String(value)}`);
  return { ...tab, id: value };
}

export function statusOf(page: Page): Promise<BrowserNodeStatus | null> {
  return page.evaluate(() => window.ring.status());
}

/** Refreshes each tab's id from its page (a reloaded tab may have claimed another slot). */
export async function refreshIds(tabs: readonly RingTab[]): Promise<string[]> {
  for (const tab of tabs) {
    const id = await tab.page.evaluate(() => window.ring.node?.self ?? null);
    if (id) tab.id = id;
  }
  return tabs.map((t) => t.id);
}

/** For each tab: is its successor and predecessor the oracle's, computed from all live ids? (Asks every page.) */
export async function ringErrors(tabs: readonly RingTab[]): Promise<string[]> {
  await refreshIds(tabs);
  const statuses: (BrowserNodeStatus | null)[] = [];
  for (const tab of tabs) statuses.push(await statusOf(tab.page));
  return ringErrorsIn(tabs, statuses);
}

/**
 * Waits until the ring matches the oracle, on the tabs' own reports (see listenToReports), and
 * asks every page itself now and then in case a report went missing (a tab opened without
 * blankRingTab, say). Returns the ms it took, or throws with what is wrong.
 */
export async function waitForRing(tabs: readonly RingTab[], timeoutMs: number, askEveryMs = 2_000): Promise<number> {
  const t0 = Date.now();
  let seen = reportCount;
  let errors = await ringErrors(tabs);
  let askedAt = Date.now();
  while (errors.length > 0 && Date.now() - t0 < timeoutMs) {
    await nextReport(seen, askEveryMs);
    seen = reportCount;
    errors = ringErrorsIn(tabs, tabs.map((t) => reports.get(t.page)));
    if (errors.length > 0 && Date.now() - askedAt >= askEveryMs) {
      askedAt = Date.now();
      errors = await ringErrors(tabs);
    }
  }
  if (errors.length === 0) {
    await refreshIds(tabs);
    return Date.now() - t0;
  }
  throw new Error(`ring did not converge in ${timeoutMs} ms: ${errors.slice(0, 6).join('; ')}\n${await describeRing(tabs)}`);
}

/** One line per tab in id order (phase, predecessor, successors, links, room), for failure reports. */
export async function describeRing(tabs: readonly RingTab[]): Promise<string> {
  const short = (id: string | null | undefined): string => (id ? id.slice(0, 6) : '—');
  const rows: string[] = [];
  for (const tab of [...tabs].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const s = await statusOf(tab.page).catch(() => null);
    if (!s) {
      rows.push(`  ${short(tab.id)} not started`);
      continue;
    }
    // Links that are not open: where a wanted link is stuck, and in which negotiation step.
    const pending = await tab.page
      .evaluate(() =>
        (window.ring.node?.transport.describeLinks() ?? [])
          .filter((l) => l.state !== 'open')
          .map((l) => `${l.peer.slice(0, 6)}:${l.state}/${l.connectionState}/${l.negotiation.join(',')}/${Math.round(l.ageMs / 1000)}s`),
      )
      .catch(() => []);
    rows.push(
      `  ${short(tab.id)} ${s.phase} pred ${short(s.predecessor)} succ [${s.successors.map(short).join(' ')}] ` +
        `links [${s.links.map(short).join(' ')}] room ${s.inRoom ? s.room.state : 'left'}${s.problem ? ` — ${s.problem}` : ''}` +
        (pending.length > 0 ? `\n      not open: ${pending.join(' ')}` : ''),
    );
  }
  return rows.join('\n');
}

/** The oracle owner of a key among these ids: the first id ≥ key, wrapping. */
export function oracleOwner(ids: readonly string[], key: string): string {
  const sorted = [...ids].sort();
  return sorted.find((id) => id >= key) ?? (sorted[0] as string);
}

export function randomKey(next: () => number): string {
  let hex = '';
  while (hex.length < 40) hex += Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
  return hex.slice(0, 40);
}

/**
 * Loads the ring page once in a throwaway tab and waits until its node is up. On a cold Vite
 * cache (a fresh clone) the first load makes Vite optimize dependencies and reload the page;
 * a ring tab reloaded mid-test comes back under another identity, so the tests warm up first.
 */
export async function warmUpRingPage(browser: Browser, origin: string): Promise<void> {
  const context = await newPerson(browser);
  const page = await context.newPage();
  const opts = { origin, relayUrl: 'ws://127.0.0.1:9', roomId: `warm-up-${Date.now()}`, separateContexts: true };
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(ringPageUrl(opts));
    try {
      await page.waitForFunction(() => window.ring.node !== null || window.ring.error !== null, undefined, { timeout: 30_000 });
      await page.waitForTimeout(2_000); // a late optimizer reload would land here
      if (await page.evaluate(() => window.ring.node !== null)) break;
    } catch {
      // reloaded under us: load it again
    }
  }
  await context.close();
}
