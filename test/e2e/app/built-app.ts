// Builds the app with Vite into a private folder and serves it with `vite preview` on a free
// 127.0.0.1 port: the production site, service worker included, as a person would get it.
// Used by the offline end-to-end test and by scripts/screenshots.ts.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Build output of tests: not dist/ (a test must not clobber someone's `npm run build`), and under
 * node_modules/.cache so lint, typecheck and git all ignore it.
 */
export const E2E_OUT_DIR = resolve(import.meta.dirname, '../../../node_modules/.cache/chordpad-app-e2e/dist');

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
  /** Builds again into the served folder (a new version, as a deploy would). */
  rebuild(buildId: string): void;
  close(): Promise<void>;
}

function viteBuild(outDir: string, buildId: string): void {
  const built = spawnSync(VITE, ['build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      // Always a production build. A Vite dev server started earlier in the same process (the
      // ring tests' startTestServer) sets process.env.NODE_ENV = 'development', and a build
      // inheriting it has import.meta.env.PROD false: no service worker is registered, and a
      // test awaiting navigator.serviceWorker.ready hung until mocha's timeout (seen in full
      // `npm test` runs from fresh clones, never when the file ran alone).
      NODE_ENV: 'production',
      CHORDPAD_BUILD: buildId,
      // Tests contact only 127.0.0.1: a relay address where nothing listens, never the public ones.
      VITE_RELAY_URLS: process.env['VITE_RELAY_URLS'] ?? 'ws://127.0.0.1:9',
    },
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
}

const ROOT = resolve(import.meta.dirname, '../../..');
const VITE = resolve(ROOT, 'node_modules/.bin/vite');

/**
 * Vite runs in its own process: inside mocha's tsx loader its in-process build of the service
 * worker fails to resolve vite's own modulepreload polyfill.
 */
/** Each served app gets its own folder, so two test files can never serve each other's build. */
export async function buildAndServe(buildId = 'e2e'): Promise<BuiltApp> {
  const outDir = `${E2E_OUT_DIR}-${buildId}`;
  viteBuild(outDir, buildId);
  const port = await freePort();
  const server = spawn(VITE, ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}/`;
  await new Promise<void>((res, rej) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes(String(port))) res();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.once('exit', (code) => rej(new Error(`vite preview exited (${code}):\n${out}`)));
  });
  return {
    url,
    rebuild: (id: string) => viteBuild(outDir, id),
    close: () =>
      new Promise<void>((res) => {
        if (server.exitCode !== null) return res();
        server.once('exit', () => res());
        server.kill('SIGTERM');
      }),
  };
}

/**
 * Resolves once `page`'s service worker registration has an active worker
 * (navigator.serviceWorker.ready); fails after `timeoutMs` with what the page knows instead of
 * waiting forever, as `ready` alone does when no worker was ever registered.
 */
export async function waitForServiceWorker(page: Page, timeoutMs = 60_000): Promise<void> {
  const ready = await page.evaluate(
    (ms) =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
      ]),
    timeoutMs,
  );
  if (ready) return;
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    if (!reg) return 'no registration (is this a production build? main.ts registers only when import.meta.env.PROD)';
    return `installing=${reg.installing?.state ?? '-'} waiting=${reg.waiting?.state ?? '-'} active=${reg.active?.state ?? '-'}`;
  });
  throw new Error(`no active service worker after ${timeoutMs} ms: ${state}`);
}

/** One Chromium launcher for every e2e test (ENVIRONMENT.md flags): the harness's. */
export { launchChromium } from '../harness/browser.ts';
