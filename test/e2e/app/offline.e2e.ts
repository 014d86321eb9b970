// The built app (vite build + vite preview, service worker included) opens and shows its notes
// with the network off: issue 5, test 3 (the offline half; the reach-another-tab half needs the
// DHT runtime).
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { buildAndServe, launchChromium, waitForServiceWorker, type BuiltApp } from './built-app.ts';

describe('app: offline (built app, service worker)', function () {
  let app: BuiltApp;
  let browser: Browser;

  before(async () => {
    app = await buildAndServe();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('reloads offline with the app shell and the notebook\'s notes', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Console errors include Content-Security-Policy violations: the app must cause none.
    page.on('console', (m) => {
      // The test build points at a relay address where nothing listens (127.0.0.1:9): the
      // browser logs those failed WebSocket attempts itself; they are the network, not the app.
      if (m.type() === 'error' && !/WebSocket connection to 'ws:\/\/127\.0\.0\.1:9\//.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(app.url);
    // The service worker must control the page before going offline (first visit installs it).
    await waitForServiceWorker(page);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).to.equal(true);

    await page.getByRole('button', { name: 'Create notebook' }).click();
    const editor = page.getByRole('textbox', { name: 'Note text' });
    await editor.fill('Offline note\nwritten before the network went away');
    await page.getByRole('button', { name: 'Open note Offline note' }).waitFor();
    const link = page.url();
    expect(link).to.match(/#nb=[A-Za-z0-9_-]{43}$/);
    // The list shows "local only (n pending)" once the entry is sealed and in IndexedDB.
    await page.getByText(/local only \(\d+ pending\)/).first().waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Open note Offline note' }).waitFor();
    expect(await editor.inputValue()).to.equal('Offline note\nwritten before the network went away');
    expect(await page.getByRole('status', { name: 'Network status' }).textContent()).to.include('offline');

    // A brand-new navigation (not a reload) offline is served too, and the start screen lists it.
    await page.goto(app.url);
    await page.getByRole('button', { name: /Open notebook Offline note/ }).click();
    await page.getByRole('button', { name: 'Open note Offline note' }).waitFor();

    // Edits made offline persist across another offline reload.
    await editor.fill('Offline note\nedited offline');
    // The note's second entry is sealed and stored once the list says 2 pending.
    await page.getByRole('button', { name: 'Open note Offline note' }).getByText('(2 pending)').waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Open note Offline note' }).waitFor();
    expect(await editor.inputValue()).to.equal('Offline note\nedited offline');
    expect(pageErrors).to.deep.equal([]);
    await context.close();
  });

  it('two tabs of one browser show each other\'s edits with no peers at all', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await a.goto(app.url);
    await a.getByRole('button', { name: 'Create notebook' }).click();
    await a.getByRole('textbox', { name: 'Note text' }).fill('Between tabs\nfrom A');
    await a.getByRole('button', { name: 'Open note Between tabs' }).waitFor();

    const b = await context.newPage();
    await b.goto(a.url());
    const editorB = b.getByRole('textbox', { name: 'Note text' });
    await b.getByRole('button', { name: 'Open note Between tabs' }).waitFor();
    expect(await editorB.inputValue()).to.equal('Between tabs\nfrom A');
    await editorB.fill('Between tabs\nfrom A\nand from B');
    await a.waitForFunction(() => {
      const ta = document.querySelector('chordpad-app')?.shadowRoot?.querySelector('chordpad-notebook-view')?.shadowRoot
        ?.querySelector('chordpad-note-editor')?.shadowRoot?.querySelector('textarea');
      return ta?.value === 'Between tabs\nfrom A\nand from B';
    });
    await context.close();
  });
});
