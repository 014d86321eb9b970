// Builds the app with Vite into a private folder and serves it with `vite preview` on a free
// 127.0.0.1 port: the production site, service worker included, as a person would get it.
// Used by the offline end-to-end test and by scripts/screenshots.ts.

import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

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
    // Tests contact only 127.0.0.1: a relay address where nothing listens, never the public ones.
    env: { ...process.env, CHORDPAD_BUILD: buildId, VITE_RELAY_URLS: process.env['VITE_RELAY_URLS'] ?? 'ws://127.0.0.1:9' },
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

/** One Chromium launcher for every e2e test (ENVIRONMENT.md flags): the harness's. */
export { launchChromium } from '../harness/browser.ts';
