// Issue 5 across real browsers on the ring: A creates a notebook and a note; B, another person's
// browser, opens the link and gets the note from the DHT, edits it, and A sees the edit; after A
// closes, C — who never saw the notebook — gets the note from the ring's replicas.
// Run: npx mocha --config .mocharc.e2e.json test/e2e/app/sharing.e2e.ts
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPerson, newTab } from '../harness/browser.ts';
import { startLocalRelay, startTestServer, type LocalRelay, type TestServer } from '../harness/servers.ts';

describe('app: notebooks shared through the ring (e2e)', function () {
  let browser: Browser;
  let server: TestServer;
  let relay: LocalRelay;

  before(async function () {
    relay = await startLocalRelay();
    server = await startTestServer();
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await server?.close();
    await relay?.close();
  });

  async function openApp(url: string): Promise<Page> {
    const tab = await newTab(await newPerson(browser), [/WebSocket connection/]);
    await tab.page.goto(url);
    return tab.page;
  }

  const appUrl = (): string => `${server.origin}/index.html?relays=${encodeURIComponent(relay.url)}`;
  const online = (page: Page): Promise<unknown> =>
    page.getByRole('status', { name: 'Network status' }).getByText(/online/).first().waitFor({ timeout: 60_000 });

  it('B opens A’s link and sees the note, edits it, and A sees the edit; C gets it after A closed', async function () {
    const a = await openApp(appUrl());
    const b = await openApp(appUrl());
    await Promise.all([online(a), online(b)]);

    await a.getByRole('button', { name: 'Create notebook' }).click();
    await a.getByRole('textbox', { name: 'Note text' }).fill('Shared through the ring\nwritten by A');
    await a.getByRole('button', { name: 'Open note Shared through the ring' }).waitFor();
    await a.getByText(/on \d+ replica/).first().waitFor({ timeout: 60_000 });
    const link = a.url();
    expect(link).to.match(/#nb=/);

    await b.goto(link);
    await b.getByRole('button', { name: 'Open note Shared through the ring' }).click({ timeout: 60_000 });
    const editorB = b.getByRole('textbox', { name: 'Note text' });
    // The index can arrive before the note's own document: the editor fills in when it does.
    await expectEventually(b, 'written by A');
    await editorB.fill('Shared through the ring\nwritten by A\nand edited by B');
    await b.getByText(/on \d+ replica/).first().waitFor({ timeout: 60_000 });

    await expectEventually(a, 'edited by B');

    await a.context().close();
    const c = await openApp(link.replace(/\?[^#]*/, `?relays=${encodeURIComponent(relay.url)}`));
    await online(c);
    await c.getByRole('button', { name: 'Open note Shared through the ring' }).click({ timeout: 60_000 });
    const waitedMs = await expectEventually(c, 'edited by B');
    console.log(`      C's editor showed the note ${waitedMs} ms after C opened it`);
  });
});

/** Waits until the open note's editor shows `text` (remote edits arrive by pull or push); resolves with the ms it took. */
async function expectEventually(page: Page, text: string): Promise<number> {
  const editor = page.getByRole('textbox', { name: 'Note text' });
  const started = Date.now();
  const deadline = started + 60_000;
  while (Date.now() < deadline) {
    if ((await editor.inputValue()).includes(text)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the editor never showed "${text}"`);
}
