// Helpers of the app end-to-end tests that run on the ring: the local relay, a Vite dev server
// over the repository (index.html is the app), one Chromium, and a fresh browser context per
// person (own IndexedDB, own node identity) with the loopback RTCPeerConnection.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPerson, newTab, type PageErrors } from '../harness/browser.ts';
import { startLocalRelay, startTestServer, type LocalRelay, type TestServer } from '../harness/servers.ts';

export interface AppRing {
  readonly browser: Browser;
  /** The app's URL on the test server with the local relay, no fragment. */
  readonly appUrl: string;
  /** A new person (browser context) with one tab at `url` (default: the app). */
  openPerson(url?: string): Promise<AppTab>;
  /** `link` (a notebook link copied from another tab) pointed at this run's relay. */
  withRelay(link: string): string;
  close(): Promise<void>;
}

export interface AppTab {
  readonly page: Page;
  readonly errors: PageErrors;
}

/** Generous: on 2 shared cores a tab joins in seconds, but a busy machine can take much longer. */
export const RING_WAIT_MS = 90_000;

export async function startAppRing(): Promise<AppRing> {
  const relay: LocalRelay = await startLocalRelay();
  const server: TestServer = await startTestServer();
  const browser = await launchChromium();
  const relays = `relays=${encodeURIComponent(relay.url)}`;
  const appUrl = `${server.origin}/index.html?${relays}`;
  return {
    browser,
    appUrl,
    async openPerson(url = appUrl) {
      // A relay WebSocket that drops (the relay closes at the end) logs a console error: network, not app.
      const tab = await newTab(await newPerson(browser), [/WebSocket connection/]);
      await tab.page.goto(url);
      return tab;
    },
    withRelay: (link) => link.replace(/\?[^#]*/, `?${relays}`),
    async close() {
      await browser.close();
      await server.close();
      await relay.close();
    },
  };
}

/** Waits until the status bar says the tab is on the ring. */
export function online(page: Page): Promise<void> {
  return page.getByRole('status', { name: 'Network status' }).getByText(/online/).first().waitFor({ timeout: RING_WAIT_MS });
}

export const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Note text' });

/** Polls the open note's editor until `accept(value)` holds; returns the value. */
export async function waitForEditor(page: Page, what: string, accept: (value: string) => boolean, timeoutMs = RING_WAIT_MS): Promise<string> {
  const editor = editorOf(page);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await editor.inputValue();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: the editor still shows ${JSON.stringify(last)}`);
}

/** A creates a notebook with one note of `text` and waits until replicas acknowledged it. */
export async function createSharedNote(page: Page, text: string): Promise<string> {
  await page.getByRole('button', { name: 'Create notebook' }).click();
  await editorOf(page).fill(text);
  const title = text.split('\n')[0] ?? '';
  await page.getByRole('button', { name: `Open note ${title}` }).waitFor();
  // The index and the note, each acknowledged by replicas; the editor's own status follows.
  await page.getByLabel('Notebook sync status').getByText(/on \d+ replica/).waitFor({ timeout: RING_WAIT_MS });
  await page.getByLabel('Note sync status').getByText(/on \d+ replica/).waitFor({ timeout: RING_WAIT_MS });
  return page.url();
}

/** Every page's node is online and its successor and predecessor are the oracle's (sorted ids). */
export async function ringProblems(pages: readonly Page[]): Promise<string[]> {
  const statuses = await Promise.all(
    pages.map((p) =>
      p.evaluate(() => {
        const s = window.chordpad?.tab.node.status();
        return s ? { self: s.self, phase: s.phase, successor: s.successors[0] ?? null, predecessor: s.predecessor } : null;
      }),
    ),
  );
  const ids = statuses.map((s) => s?.self ?? '').sort();
  const problems: string[] = [];
  for (const s of statuses) {
    if (!s) {
      problems.push('a tab has no node yet');
      continue;
    }
    const i = ids.indexOf(s.self);
    const succ = ids[(i + 1) % ids.length];
    const pred = ids[(i - 1 + ids.length) % ids.length];
    if (s.phase !== 'online') problems.push(`${s.self.slice(0, 8)} is ${s.phase}`);
    else if (s.successor !== succ) problems.push(`${s.self.slice(0, 8)}: successor ${String(s.successor).slice(0, 8)}, oracle ${String(succ).slice(0, 8)}`);
    else if (s.predecessor !== pred) problems.push(`${s.self.slice(0, 8)}: predecessor ${String(s.predecessor).slice(0, 8)}, oracle ${String(pred).slice(0, 8)}`);
  }
  return problems;
}

/** Waits until the tabs form the oracle ring; returns how long that took (ms). */
export async function waitForAppRing(pages: readonly Page[], what: string, timeoutMs = RING_WAIT_MS): Promise<number> {
  const started = Date.now();
  let problems: string[] = [];
  while (Date.now() - started < timeoutMs) {
    problems = await ringProblems(pages);
    if (problems.length === 0) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: the ring of ${pages.length} tabs did not settle in ${timeoutMs / 1000} s: ${problems.join('; ')}`);
}
