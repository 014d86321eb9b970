// Build of the static site (DESIGN.md §9, `npm run build`): the app (index.html) and, when it
// exists, the simulator lab (lab.html); the service worker from sw/sw.ts through vite-plugin-pwa
// injectManifest (Workbox from npm, nothing from a CDN, so the build works offline); and a gzip
// size budget for the app that fails the build when exceeded.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Budget for what index.html loads (HTML + JS + CSS of the app entry and its static imports),
 * gzip bytes. 200 KiB leaves room for the DHT runtime on top of Lit, Yjs and the notes layer,
 * and still loads in about 1 s on a slow 3G link (~200 KB/s).
 */
const APP_BUDGET_GZIP_BYTES = 200 * 1024;

const root = import.meta.dirname;
const lab = resolve(root, 'lab.html');

/** Prints the app's gzip size after the build and fails it over the budget. */
function bundleBudget(): Plugin {
  return {
    name: 'chordpad-bundle-budget',
    apply: 'build',
    // writeBundle: index.html is emitted by Vite's own HTML plugin late in generateBundle.
    writeBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (!html) return; // the service worker's own build: not the app
      const seen = new Set<string>();
      const visit = (name: string): void => {
        const item = bundle[name];
        if (!item || seen.has(name)) return;
        seen.add(name);
        if (item.type === 'chunk') {
          for (const i of item.imports) visit(i);
          for (const c of item.viteMetadata?.importedCss ?? []) visit(c);
        }
      };
      // The entry chunk of index.html (its facade is the HTML file; the lab's is lab.html).
      for (const item of Object.values(bundle)) {
        if (item.type === 'chunk' && item.isEntry && /[\\/]index\.html$|[\\/]src[\\/]ui[\\/]main\.ts$/.test(item.facadeModuleId ?? '')) visit(item.fileName);
      }
      const gz = (name: string): number => {
        const item = bundle[name];
        if (!item) return 0;
        const body = item.type === 'chunk' ? item.code : item.source;
        return gzipSync(typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)).byteLength;
      };
      const js = [...seen].reduce((sum, n) => sum + gz(n), 0);
      const total = js + gz('index.html');
      const kib = (b: number): string => (b / 1024).toFixed(1);
      console.log(`\nchordpad: app bundle (index.html + ${seen.size} files) gzip ${kib(total)} KiB, budget ${kib(APP_BUDGET_GZIP_BYTES)} KiB`);
      if (total > APP_BUDGET_GZIP_BYTES) this.error(`app bundle is ${kib(total)} KiB gzip, over the ${kib(APP_BUDGET_GZIP_BYTES)} KiB budget`);
    },
  };
}

/** Shown in the status bar so a person (and the update test) can tell versions apart. */
const BUILD_ID = process.env.CHORDPAD_BUILD ?? new Date().toISOString().slice(0, 16).replace('T', ' ');

export default defineConfig({
  define: { 'import.meta.env.VITE_CHORDPAD_BUILD': JSON.stringify(BUILD_ID) },
  // Relative base: the built site works from any path (a static host's sub-folder included).
  base: './',
  build: {
    target: 'es2022',
    rollupOptions: {
      input: { index: resolve(root, 'index.html'), ...(existsSync(lab) ? { lab } : {}) },
    },
  },
  plugins: [
    bundleBudget(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // src/ui/sw-register.ts registers it and drives the update prompt.
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Chordpad',
        short_name: 'Chordpad',
        description: 'Encrypted notes shared by link, stored by the browsers that use them.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f7f7f4',
        theme_color: '#3559d6',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
});
