// A reload in a real browser keeps the tab's identity (issue 3, DESIGN.md §7) while other tabs of
// the same browser keep theirs, and the ring takes the tab in again. (The race where the unloading
// page still holds its slot's lock is covered in test/browser/store/identity-slots.test.ts: a
// Playwright reload waits for the unload, so it does not show here.)
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/browser.ts';
import { startTestServer, type TestServer } from '../harness/servers.ts';
import { openRingTab, waitForRing, warmUpRingPage, type RingTab } from './mesh-harness.ts';

describe('reloading a tab (e2e)', function () {
  let browser: Browser;
  let server: TestServer;

  before(async function () {
    server = await startTestServer();
    browser = await launchChromium();
    await warmUpRingPage(browser, server.origin);
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  it('gives each tab of one browser its own node id back after a reload, and the ring takes it in again', async function () {
    const opts = { origin: server.origin, relayUrl: 'ws://127.0.0.1:9', roomId: `reload-${Date.now()}`, separateContexts: false };
    const a = await openRingTab(browser, opts);
    const b = await openRingTab(browser, opts, a);
    const c = await openRingTab(browser, opts, a);
    const tabs: RingTab[] = [a, b, c];
    await waitForRing(tabs, 60_000);
    const before = tabs.map((t) => t.id);

    // Reload the first tab (slot 0): slots 1 and 2 stay held, slot 0 is briefly still locked.
    await a.page.reload();
    await a.page.waitForFunction(() => window.ring.node?.self ?? window.ring.error, undefined, { timeout: 30_000 });
    const after = await a.page.evaluate(() => window.ring.node?.self ?? window.ring.error);
    expect(after, 'the reloaded tab has its old node id').to.equal(before[0]);
    await waitForRing(tabs, 60_000);
    for (const t of tabs) expect(t.errors.messages, t.id).to.deep.equal([]);
  });
});
