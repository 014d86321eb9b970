// The real browser mesh (issue 4): tabs in separate browser contexts join one Chord ring over
// WebRTC through the embedded local relay; the ring matches the oracle, lookups from every tab
// reach the oracle's owner, closing 3 tabs at once heals, no tab exceeds its link budget, and
// the relay room stays small. All on 127.0.0.1.
// Run: npx mocha --config .mocharc.e2e.json test/e2e/mesh/ring.e2e.ts  (MESH_SEED=<n> to replay keys)
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { createPrng } from '../../../src/dht/prng.ts';
import { launchChromium } from '../harness/browser.ts';
import { startLocalRelay, startTestServer, type LocalRelay, type TestServer } from '../harness/servers.ts';
import { openRingTab, oracleOwner, randomKey, refreshIds, statusOf, waitForRing, warmUpRingPage, type RingTab } from './mesh-harness.ts';

const TABS = 12;
const SEED = Number(process.env['MESH_SEED'] ?? 12);
const replay = `MESH_SEED=${SEED} npx mocha --config .mocharc.e2e.json test/e2e/mesh/ring.e2e.ts`;

describe('Chord ring across real tabs (e2e)', function () {
  let browser: Browser;
  let server: TestServer;
  let relay: LocalRelay;
  let tabs: RingTab[] = [];
  const roomId = `mesh-${Date.now()}`;

  before(async function () {
    relay = await startLocalRelay();
    server = await startTestServer();
    browser = await launchChromium();
    await warmUpRingPage(browser, server.origin);
  });

  after(async function () {
    await browser?.close();
    await server?.close();
    await relay?.close();
  });

  async function checkLookups(perTab: number): Promise<void> {
    const rng = createPrng(SEED);
    const ids = await refreshIds(tabs);
    for (const tab of tabs) {
      for (let i = 0; i < perTab; i++) {
        const key = randomKey(() => rng.next());
        // One retry after a timeout, as an app would: a hop that is still opening its WebRTC link
        // can miss the first deadline on this shared machine. A wrong owner is never retried.
        const attempt = (): Promise<{ owner: string }> => tab.page.evaluate((k) => window.ring.lookup(k), key);
        const result = await attempt().catch(attempt);
        expect(result.owner, `lookup of ${key} from ${tab.id.slice(0, 8)} — ${replay}`).to.equal(oracleOwner(ids, key));
      }
    }
  }

  it(`${TABS} tabs in separate contexts converge to the oracle ring and look up correctly`, async function () {
    for (let i = 0; i < TABS; i++) {
      tabs.push(await openRingTab(browser, { origin: server.origin, relayUrl: relay.url, roomId, separateContexts: true }));
    }
    const ms = await waitForRing(tabs, 120_000);
    console.log(`      converged ${TABS} tabs ${ms} ms after the last tab opened`);
    await checkLookups(5);
    for (const tab of tabs) expect(tab.errors.messages, tab.id).to.deep.equal([]);
  });

  it('no tab exceeds its link budget and the relay room stays bounded', async function () {
    const budget = Math.ceil(2 * Math.log2(TABS)) + 3 + 1; // 2·log2 N + r + bootstrap (DESIGN §3)
    let worst = 0;
    for (const tab of tabs) worst = Math.max(worst, await tab.page.evaluate(() => window.ring.maxLinks));
    const members = [...relay.stats().members.values()].map((m) => m.size);
    console.log(`      most links any tab ever held: ${worst} (budget ${budget}); room members seen by the relay: ${members.join(', ') || 0}`);
    expect(worst).to.be.at.most(budget);
    // A member that is no greeter leaves once no newcomer has signaled it through the room for
    // 3 s (browser-node.ts), so the room shrinks to the greeters within seconds of convergence.
    const inRoomNow = async (): Promise<number> => (await Promise.all(tabs.map((t) => statusOf(t.page)))).filter((s) => s?.inRoom).length;
    let inRoom = await inRoomNow();
    for (let waited = 0; inRoom > 3 && waited < 15_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      inRoom = await inRoomNow();
    }
    expect(inRoom, 'greeters left in the room 15 s after convergence').to.be.at.most(3);
  });

  it('malformed frames from a peer are dropped and counted, and the node keeps running', async function () {
    const [a] = tabs;
    if (!a) throw new Error('no tab');
    const target = await a.page.evaluate(() => {
      const node = window.ring.node;
      const peer = node?.transport.links()[0];
      if (!node || !peer) return null;
      // Garbage of several shapes, sent as whole frames over the real WebRTC link.
      for (const bytes of [[1, 2, 3], [0x7b, 0x7d], [0xff, 0xfe, 0x00]]) node.transport.send(peer, new Uint8Array(bytes));
      node.transport.send(peer, new TextEncoder().encode(JSON.stringify({ v: 99, m: { type: 'ping', rid: 1 } })));
      return peer;
    });
    expect(target, 'tab A has a link').to.be.a('string');
    const peerTab = tabs.find((t) => t.id === target);
    if (!peerTab) throw new Error('peer tab not found');
    await peerTab.page.waitForFunction(() => (window.ring.status()?.droppedFrames ?? 0) >= 4, undefined, { timeout: 10_000 });
    await checkLookups(1);
  });

  it('closing 3 tabs at once: the ring re-converges and lookups stay correct', async function () {
    const closing = [tabs[1], tabs[5], tabs[9]].filter((t): t is RingTab => t !== undefined);
    await Promise.all(closing.map((t) => t.page.context().close()));
    tabs = tabs.filter((t) => !closing.includes(t));
    const ms = await waitForRing(tabs, 90_000);
    console.log(`      re-converged ${ms} ms after closing 3 tabs`);
    await checkLookups(3);
  });
});

describe('one browser, relay down (e2e)', function () {
  let browser: Browser;
  let server: TestServer;
  const tabs: RingTab[] = [];

  before(async function () {
    server = await startTestServer();
    browser = await launchChromium();
    await warmUpRingPage(browser, server.origin);
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  it('with no relay reachable, the page says so, and three tabs of one browser still form a ring through BroadcastChannel', async function () {
    // A port nobody listens on: the relay is down at start.
    const opts = { origin: server.origin, relayUrl: 'ws://127.0.0.1:9', roomId: `solo-${Date.now()}`, separateContexts: false };
    const first = await openRingTab(browser, opts);
    tabs.push(first);
    // The relay check gives up after a few seconds; then the page says so (and keeps retrying).
    await first.page.waitForFunction(() => window.ring.status()?.relay === 'unreachable', undefined, { timeout: 30_000 });
    const text = await first.page.evaluate(() => window.ring.status()?.problem ?? '');
    expect(text).to.match(/relay/i);
    expect(await first.page.locator('#status').textContent()).to.match(/relay/i);
    for (let i = 0; i < 2; i++) tabs.push(await openRingTab(browser, opts, first));
    await waitForRing(tabs, 60_000);
  });
});
