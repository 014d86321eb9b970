// Servers for end-to-end tests: the embedded Nostr relay and a Vite dev server over the repository
// (so test pages can import src/ modules as TypeScript). Both listen on 127.0.0.1, on free ports.
import { fileURLToPath } from 'node:url';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
export { startLocalRelay, type LocalRelay } from '../../../scripts/local-relay.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  origin: string;
  close(): Promise<void>;
}

/**
 * A Vite dev server rooted at the repository, without the app's config (test pages bring their own
 * HTML and must not get the PWA service worker). `env` becomes import.meta.env (VITE_* names).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const define: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) define[`import.meta.env.${k}`] = JSON.stringify(v);
  const server: ViteDevServer = await createServer({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'error',
    clearScreen: false,
    define,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    // Its own optimizer cache: the app's dev server (other config) would otherwise re-optimize the
    // shared node_modules/.vite under a running test and make its pages reload.
    cacheDir: 'node_modules/.vite-e2e-net',
    // Every dependency a test page imports, optimized up front: one discovered later makes Vite
    // reload the page, and a reloaded ring tab may come back under another identity slot.
    optimizeDeps: { include: ['trystero', 'valibot', 'idb-keyval', 'yjs', 'lit', '@lit/context', 'uqr'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : server.config.server.port;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * The mesh test pages built by Vite (one bundle per page) and served statically on 127.0.0.1. The
 * dev server sends each module separately, so sixteen tabs opening at once wait seconds on it (and
 * time out under load); a benchmark of ring formation must time the ring, not the page loads.
 */
export async function startBuiltMeshPages(): Promise<TestServer> {
  const outDir = `${REPO_ROOT}node_modules/.cache/chordpad-mesh-pages`;
  await build({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'esnext', // the pages use top-level await
      rollupOptions: { input: ['test/e2e/mesh/ring-page.html', 'test/e2e/mesh/full-mesh-page.html'].map((p) => `${REPO_ROOT}${p}`) },
    },
  });
  const server: PreviewServer = await preview({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}
