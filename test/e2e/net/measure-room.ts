// How long N tabs (separate contexts) in one trystero room on the local relay take until every
// tab holds one of our WebRTC links to every other tab: the adapters' cost with no Chord, i.e. a
// full mesh. A measurement, not a test: prints one line per run and, last, one JSON line.
//   npx tsx test/e2e/net/measure-room.ts [--tabs N]
import { launchChromium, newPerson, newTab, type TestTab } from '../harness/browser.ts';
import { startLocalRelay, startTestServer } from '../harness/servers.ts';

const tabsArg = process.argv.indexOf('--tabs');
const N = tabsArg >= 0 ? Number(process.argv[tabsArg + 1]) : 8;
const TIMEOUT_MS = 120_000;

const relay = await startLocalRelay();
const server = await startTestServer();
const browser = await launchChromium();
try {
  const roomId = `measure-${Date.now()}`;
  const ids = Array.from({ length: N }, (_, i) => (i + 1).toString(16).padStart(2, '0').repeat(20));
  const tabs: TestTab[] = [];
  const started = Date.now();
  for (const id of ids) {
    const tab = await newTab(await newPerson(browser));
    tabs.push(tab);
    await tab.page.goto(`${server.origin}/test/e2e/net/net-page.html?id=${id}&room=1&roomId=${roomId}&relays=${encodeURIComponent(relay.url)}`);
  }
  const opened = Date.now();
  let complete = 0;
  const deadline = started + TIMEOUT_MS;
  while (Date.now() < deadline) {
    const counts = await Promise.all(tabs.map((t) => t.page.evaluate(() => window.netState.links.length)));
    complete = counts.filter((c) => c === N - 1).length;
    if (complete === N) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const doneMs = Date.now() - started;
  const states = await Promise.all(tabs.map((t) => t.page.evaluate(() => window.netState)));
  const result = {
    tabs: N,
    openTabsMs: opened - started,
    fullMeshMs: complete === N ? doneMs : null,
    tabsComplete: complete,
    linksMin: Math.min(...states.map((s) => s.links.length)),
    // Pairs that never met in the room (trystero's own mesh) cannot link here: count them apart.
    roomPeersMin: Math.min(...states.map((s) => s.roomPeers.length)),
    linkedAllRoomPeers: states.filter((s) => s.roomPeers.every((p) => s.links.includes(p))).length,
    refused: states.reduce((n, s) => n + s.downs.filter((d) => d.endsWith(':refused')).length, 0),
    relayMembersMax: Math.max(0, ...[...relay.stats().members.values()].map((p) => p.size)),
    pageErrors: tabs.reduce((n, t) => n + t.errors.messages.length, 0),
  };
  console.log(`${N} tabs: all links in ${result.fullMeshMs ?? 'n/a'} ms (tabs opened in ${result.openTabsMs} ms), ${complete}/${N} complete, min links ${result.linksMin}`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
  await relay.close();
}
