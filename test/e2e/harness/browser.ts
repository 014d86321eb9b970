// Multi-tab test helpers (Playwright via playwright-core, Chromium from Debian): one browser per
// test file, a context per simulated person, pages as tabs. Every page gets the loopback
// RTCPeerConnection before its scripts run, and its console errors and page errors are collected
// so a test can assert none happened.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loopbackRtcInitScript } from './loopback-rtc.ts';

/**
 * Chromium flags of ENVIRONMENT.md (the same list as `chromiumArgs` in web-test-runner.config.js,
 * minus --headless, which Playwright adds itself): stay on loopback, no background traffic.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Errors a page reported: console.error lines and uncaught exceptions. */
export interface PageErrors {
  readonly messages: string[];
}

export interface TestTab {
  page: Page;
  errors: PageErrors;
}

/** A fresh context (a separate "browser profile": own storage) with the loopback init script. */
export async function newPerson(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(loopbackRtcInitScript);
  return context;
}

/**
 * A new tab in `context` with error collection. `ignore` filters known-harmless console errors
 * (e.g. a WebSocket to a relay that is down on purpose).
 */
export async function newTab(context: BrowserContext, ignore: RegExp[] = []): Promise<TestTab> {
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (!ignore.some((re) => re.test(text))) messages.push(text);
  });
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  return { page, errors: { messages } };
}

/** Polls `probe` in the page until it returns a truthy value; fails after `timeoutMs` with `what`. */
export async function waitInPage<T>(page: Page, what: string, probe: () => T, timeoutMs = 60_000): Promise<T> {
  try {
    const handle = await page.waitForFunction(probe, undefined, { timeout: timeoutMs, polling: 100 });
    const value: T = await handle.jsonValue();
    return value;
  } catch (error) {
    throw new Error(`${what}: ${String(error)}`);
  }
}
