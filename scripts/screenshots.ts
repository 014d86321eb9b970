// Screenshots for docs/app.md (`npx tsx scripts/screenshots.ts`): builds and serves the app, then
// captures the start screen, a notebook, the share dialog and the ring view, light and dark, desktop
// and phone-sized, into docs/screenshots/.
//
// The app has no DHT runtime wired yet, so its ring view says "not connected". To show what the
// ring view draws, one extra shot (ring-view-sample-*.png) injects a SAMPLE NodeView built here from
// fixed ids; docs/app.md labels it as sample data, never as a live ring.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildAndServe, launchChromium } from '../test/e2e/app/built-app.ts';

const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

const app = await buildAndServe(new Date().toISOString().slice(0, 10));
const browser = await launchChromium();

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let Lit finish its microtask renders and fonts settle
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`wrote ${OUT}/${name}.png`);
}

/** Installs a fixed, clearly-sample NodeView (see the header comment). */
const hex = (f: number): string => Math.floor(f * 2 ** 32).toString(16).padStart(8, '0') + '0'.repeat(32);
const sampleSelf = hex(0.08);
const SAMPLE_NODE = {
  selfId: sampleSelf,
  predecessor: hex(0.97),
  successors: [0.15, 0.21, 0.3].map(hex),
  fingers: [0.09, 0.15, 0.3, 0.45, 0.6, 0.83].map(hex),
  links: 9,
  estimatedN: 24,
  storedRanges: [
    { from: hex(0.97), to: sampleSelf, primary: true },
    { from: hex(0.9), to: hex(0.97), primary: false },
  ],
  records: 42,
  recentLookups: [
    { key: hex(0.62), path: [sampleSelf, hex(0.45), hex(0.6), hex(0.63)], hops: 3 },
    { key: hex(0.88), path: [sampleSelf, hex(0.83), hex(0.9)], hops: 2 },
  ],
  hopsHistogram: [0, 6, 14, 11, 4, 1],
  replication: { healthy: 40, underReplicated: 2 },
  status: 'online' as const,
};

/** Installs the fixed, clearly-sample NodeView (see the header comment). */
async function injectSampleNode(page: Page): Promise<void> {
  // A source string, not a function: tsx's keepNames helper (__name) does not exist in the page.
  await page.evaluate(
    `document.querySelector('chordpad-app').connect({ node: { ...${JSON.stringify(SAMPLE_NODE)}, subscribe: () => () => undefined } })`,
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
    const page = await context.newPage();
    const tag = `${device}-${scheme}`;
    await page.goto(app.url);
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
    await shoot(page, `notebook-${tag}`);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await shoot(page, `share-${tag}`);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Network' }).click();
    await shoot(page, `ring-view-${tag}`);
    await injectSampleNode(page);
    await shoot(page, `ring-view-sample-${tag}`);
    await context.close();
  }
}

await browser.close();
await app.close();
