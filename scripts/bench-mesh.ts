// `npm run bench:mesh -- --tabs N [--json]` (DESIGN.md §9): N headless Chromium tabs, each its own
// browser context, join one Chord ring over WebRTC through the embedded local relay; then, in the
// same run, a trystero full-mesh room of the same N as the baseline. Loopback only.
import type { Browser } from 'playwright-core';
import { launchChromium, newPerson, newTab } from '../test/e2e/harness/browser.ts';
import { startLocalRelay, startTestServer } from '../test/e2e/harness/servers.ts';
import { openRingTab, oracleOwner, randomKey, refreshIds, waitForRing, warmUpRingPage, type RingTab } from '../test/e2e/mesh/mesh-harness.ts';
import { createPrng } from '../src/dht/prng.ts';

function parseArgs(argv: string[]): { tabs: number; json: boolean; lookups: number } {
  const out = { tabs: 16, json: false, lookups: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') out.json = true;
    else if (flag === '--tabs' || flag === '--lookups') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 2) usage(`${flag} needs an integer ≥ 2`);
      if (flag === '--tabs') out.tabs = n;
      else out.lookups = n;
    } else usage(`unknown flag ${String(flag)}`);
  }
  return out;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run bench:mesh -- --tabs N [--lookups L] [--json]\n`);
  process.exit(2);
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
};

async function ringRun(browser: Browser, origin: string, relayUrl: string, n: number, lookups: number) {
  const roomId = `bench-ring-${Date.now()}`;
  const started = Date.now();
  const tabs: RingTab[] = [];
  for (let i = 0; i < n; i++) tabs.push(await openRingTab(browser, { origin, relayUrl, roomId, separateContexts: true }));
  await waitForRing(tabs, 180_000);
  const convergedMs = Date.now() - started;
  const joins: number[] = [];
  let linksPerTabMax = 0;
  for (const t of tabs) {
    const r = await t.page.evaluate(() => ({ join: (window.ring.joinedAt ?? NaN) - window.ring.startedAt, links: window.ring.maxLinks }));
    joins.push(r.join);
    linksPerTabMax = Math.max(linksPerTabMax, r.links);
  }
  const rng = createPrng(n);
  const ids = await refreshIds(tabs);
  const latencies: number[] = [];
  let wrong = 0;
  for (let i = 0; i < lookups; i++) {
    const tab = tabs[i % tabs.length] as RingTab;
    const key = randomKey(() => rng.next());
    const r = await tab.page.evaluate((k) => window.ring.lookup(k), key);
    latencies.push(r.ms);
    if (r.owner !== oracleOwner(ids, key)) wrong++;
  }
  const unjoined = joins.filter((j) => Number.isNaN(j)).length;
  for (const t of tabs) await t.page.context().close();
  return { convergedMs, joinP50Ms: percentile(joins.filter((j) => !Number.isNaN(j)), 50), linksPerTabMax, lookupP50Ms: percentile(latencies, 50), lookupP99Ms: percentile(latencies, 99), wrongOwners: wrong, unjoined };
}

async function fullMeshRun(browser: Browser, origin: string, relayUrl: string, n: number, timeoutMs = 120_000) {
  const roomId = `bench-mesh-${Date.now()}`;
  const started = Date.now();
  const pages = [];
  for (let i = 0; i < n; i++) {
    const tab = await newTab(await newPerson(browser), [/WebSocket connection/]);
    await tab.page.goto(`${origin}/test/e2e/mesh/full-mesh-page.html?relays=${encodeURIComponent(relayUrl)}&roomId=${roomId}`);
    pages.push(tab.page);
  }
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
  return { fullMeshMs, linksPerTab: Math.max(...counts), incompleteTabs: counts.filter((c) => c !== n - 1).length };
}

const args = parseArgs(process.argv.slice(2));
const relay = await startLocalRelay();
const server = await startTestServer();
const browser = await launchChromium();
await warmUpRingPage(browser, server.origin);
try {
  const ring = await ringRun(browser, server.origin, relay.url, args.tabs, args.lookups);
  const baseline = await fullMeshRun(browser, server.origin, relay.url, args.tabs);
  const result = { tabs: args.tabs, ...ring, baseline };
  console.log(`tabs ${args.tabs}: ring converged in ${ring.convergedMs} ms (join p50 ${ring.joinP50Ms.toFixed(0)} ms), at most ${ring.linksPerTabMax} links per tab, lookups p50 ${ring.lookupP50Ms.toFixed(1)} ms / p99 ${ring.lookupP99Ms.toFixed(1)} ms over ${args.lookups} (${ring.wrongOwners} wrong owners, ${ring.unjoined} tabs unjoined)`);
  console.log(`baseline trystero full mesh: ${baseline.fullMeshMs === null ? 'did not complete' : `${baseline.fullMeshMs} ms`}, ${baseline.linksPerTab} links per tab (${baseline.incompleteTabs} tabs short of a full mesh)`);
  if (args.json) console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
  await relay.close();
}
