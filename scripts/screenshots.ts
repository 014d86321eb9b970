// Screenshots for docs/app.md (`npx tsx scripts/screenshots.ts`): builds and serves the app,
// starts the embedded relay and a LIVE ring — three background tabs, each its own browser
// context — and captures, from a fourth tab on that ring, the start screen, a notebook, the share
// dialog and the ring view: light and dark, desktop and phone-sized, into docs/screenshots/.
// Nothing is injected: the ring view and statistics show that tab's real node.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { waitForAppRing } from '../test/e2e/app/app-ring.ts';
import { buildAndServe, launchChromium } from '../test/e2e/app/built-app.ts';
import { newPerson } from '../test/e2e/harness/browser.ts';
import { loopbackRtcInitScript } from '../test/e2e/harness/loopback-rtc.ts';
import { startLocalRelay } from '../test/e2e/harness/servers.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

/** Tabs on the ring besides the one being photographed. */
const BACKGROUND_TABS = 3;

const relay = await startLocalRelay();
const app = await buildAndServe(new Date().toISOString().slice(0, 10));
const browser = await launchChromium();
const appUrl = `${app.url}?relays=${encodeURIComponent(relay.url)}`;

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let Lit finish its microtask renders and fonts settle
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`wrote ${OUT}/${name}.png`);
}

const background: Page[] = [];
for (let i = 0; i < BACKGROUND_TABS; i++) {
  const page = await (await newPerson(browser)).newPage();
  await page.goto(appUrl);
  background.push(page);
}
await waitForAppRing(background, 'background ring', 120_000);

/** The photographed tab's stats panel shows figures from its node (storage is refreshed every 2 s). */
async function waitForLiveStats(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.chordpad?.tab.node.status();
      const panel = document.querySelector('chordpad-app')?.shadowRoot?.querySelector('chordpad-network-view')?.shadowRoot
        ?.querySelector('chordpad-stats-panel')?.shadowRoot?.textContent ?? '';
      return s?.phase === 'online' && /Records stored\s*[1-9]/.test(panel) && !panel.includes('none yet');
    },
    undefined,
    { timeout: 120_000, polling: 500 },
  );
}

/** Creates a note and waits until the editor shows it (empty) before typing. */
async function newNote(page: Page): Promise<void> {
  const before = await page.getByRole('button', { name: /^Open note/ }).count();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByRole('button', { name: /^Open note/ }).nth(before).waitFor();
  await page.waitForFunction(() => {
    const ta = document.querySelector('chordpad-app')?.shadowRoot?.querySelector('chordpad-notebook-view')?.shadowRoot
      ?.querySelector('chordpad-note-editor')?.shadowRoot?.querySelector('textarea');
    return ta?.value === '';
  });
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of [
    ['desktop', { width: 1100, height: 720 }],
    ['phone', { width: 390, height: 780 }],
  ] as const) {
    if (scheme === 'dark' && device === 'phone') continue;
    // Reduced motion: lookup paths appear whole instead of mid-animation.
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    await context.addInitScript(loopbackRtcInitScript);
    const page = await context.newPage();
    const tag = `${device}-${scheme}`;
    await page.goto(appUrl);
    await waitForAppRing([...background, page], `ring with the ${tag} tab`, 120_000);
    await page.getByRole('button', { name: 'Create notebook' }).waitFor();
    // Start screen with one recent notebook in the list.
    await page.getByRole('button', { name: 'Create notebook' }).click();
    const editor = page.getByRole('textbox', { name: 'Note text' });
    await editor.fill('Trip to Lisbon\n\n- book the 7:40 train\n- pastéis de nata at Manteigaria\n- <b>this is text</b>, not markup');
    await newNote(page);
    await editor.fill('Reading list\n\nHow to Make Chord Correct (Zave, 2017)\nBEP 44: storing arbitrary data in the DHT');
    await newNote(page);
    await editor.fill('Groceries\n\nmilk, eggs, coffee');
    await page.getByRole('button', { name: 'Notebooks' }).click();
    await page.getByRole('button', { name: /Open notebook/ }).first().waitFor();
    await shoot(page, `start-${tag}`);
    await page.getByRole('button', { name: /Open notebook/ }).first().click();
    await page.getByRole('button', { name: /Open note Trip to Lisbon/ }).click();
    // The notes are on the ring: the list and the status bar say on how many replicas.
    await page.getByLabel('Note sync status').getByText(/on \d+ replica/).waitFor({ timeout: 120_000 });
    await page.getByLabel('Notebook sync status').getByText(/on \d+ replica/).waitFor({ timeout: 120_000 });
    await shoot(page, `notebook-${tag}`);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await shoot(page, `share-${tag}`);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Network' }).click();
    await waitForLiveStats(page);
    await shoot(page, `ring-view-${tag}`);
    await context.close();
  }
}

await browser.close();
await app.close();
await relay.close();
