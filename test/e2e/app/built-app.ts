// Builds the app with Vite into a private folder and serves it with `vite preview` on a free
// 127.0.0.1 port: the production site, service worker included, as a person would get it.
// Used by the offline end-to-end test and by scripts/screenshots.ts.

import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser } from 'playwright-core';

/** Build output of tests: not dist/, so a test never clobbers someone's `npm run build`. */
export const E2E_OUT_DIR = resolve(import.meta.dirname, '../../../.cache/app-e2e-dist');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface BuiltApp {
  readonly url: string;
  close(): Promise<void>;
}

export async function buildAndServe(): Promise<BuiltApp> {
  const root = resolve(import.meta.dirname, '../../..');
  await build({ root, logLevel: 'warn', build: { outDir: E2E_OUT_DIR, emptyOutDir: true } });
  const port = await freePort();
  const server: PreviewServer = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: E2E_OUT_DIR },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => server.close(),
  };
}

/** The flags of web-test-runner.config.js (ENVIRONMENT.md): loopback only, no background traffic. */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
