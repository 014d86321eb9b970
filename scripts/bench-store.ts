// `npm run bench:store [-- --records N] [--batch B] [--value-bytes V] [--rounds K] [--json]`: IndexedDB record
// store throughput in real headless Chromium (ISSUE 3), beside raw idb-keyval on the same page.
// Serves a tiny page with Vite (127.0.0.1, a free port, no config file) and drives it with
// playwright-core. Verification is done before timing: this measures the store (rules + IDB).
// Last stdout line with --json: {"benchmark":"store", ...figures}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/e2e/harness/browser.ts';
import { createServer, type Plugin } from 'vite';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} wants a positive integer, got ${raw}`);
  return n;
}

const records = option('records', 2000);
const batch = option('batch', 500);
const valueBytes = option('value-bytes', 256);
const rounds = option('rounds', 3);
const json = process.argv.includes('--json');

// The page's module: builds signed records with the simulator signer (so signing is not timed),
// then times each way of writing them. Served as a virtual module so the bench is one file.
const pageModule = `
import { createStore, set, setMany, update, promisifyRequest } from 'idb-keyval';
import { createIdbStore } from '/src/store/idb-store.ts';
import { recordRules } from '/src/dht/records/rules.ts';
import { createSimCrypto } from '/src/dht/records/sim-signer.ts';
import { recordKeyIdSync, signMutableSync } from '/src/dht/records/build.ts';
import { verifyRecordSync } from '/src/dht/records/verify.ts';

function deleteDb(name) {
  return new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

export async function run({ records, batch, valueBytes, rounds }) {
  const sim = createSimCrypto();
  const signer = sim.signerFromSeed(new Uint8Array(32).fill(1));
  const value = new Uint8Array(valueBytes).map((_, i) => i & 0xff);
  const items = [];
  for (let i = 0; i < records; i++) {
    const record = signMutableSync(signer, 'bench-' + i, 1, value);
    items.push({ key: recordKeyIdSync(sim, signer.publicKey, 'bench-' + i), record, verdict: verifyRecordSync(record, sim) });
  }
  const rate = (n, ms) => Math.round((n * 1000) / ms);
  const stamp = Date.now().toString(36);
  let dbCounter = 0;
  const fresh = (label) => 'bench-' + label + '-' + stamp + '-' + dbCounter++;

  const adapter = (putAll) => async () => {
    const name = fresh('adapter');
    const store = await createIdbStore({ name }, { rules: recordRules });
    const t = performance.now();
    await putAll(store);
    const ms = performance.now() - t;
    store.close();
    await deleteDb(name);
    return rate(records, ms);
  };
  const raw = (body) => async () => {
    const name = fresh('raw');
    const useStore = createStore(name, 'records');
    await useStore('readonly', () => undefined); // open before timing, as createIdbStore does
    const t = performance.now();
    await body(useStore);
    const ms = performance.now() - t;
    await useStore('readonly', (os) => os.transaction.db.close());
    await deleteDb(name);
    return rate(records, ms);
  };
  const methods = {
    // Adapter, one read-modify-write transaction per put, merge rules applied inside.
    adapterSinglePutsPerSec: adapter(async (store) => {
      for (const it of items) {
        const r = await store.put(it.key, it.record, it.verdict);
        if (!r.ok) throw new Error(r.error.code + ': ' + r.error.message);
      }
    }),
    // Adapter, putMany: one transaction per batch.
    adapterBatchedPutsPerSec: adapter(async (store) => {
      for (let i = 0; i < items.length; i += batch) {
        const rs = await store.putMany(items.slice(i, i + batch));
        if (!rs.every((r) => r.ok)) throw new Error('a batched put failed');
      }
    }),
    // Raw idb-keyval with the same values: set, update (read-modify-write, no rules), setMany.
    rawSetPerSec: raw(async (s) => { for (const it of items) await set(it.key, { record: it.record }, s); }),
    rawUpdatePerSec: raw(async (s) => { for (const it of items) await update(it.key, () => ({ record: it.record }), s); }),
    rawSetManyPerSec: raw(async (s) => {
      for (let i = 0; i < items.length; i += batch) await setMany(items.slice(i, i + batch).map((it) => [it.key, { record: it.record }]), s);
    }),
  };
  // Rounds in rotating order, median per method: the machine is shared, so one run is noise.
  const names = Object.keys(methods);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(round + j) % names.length];
      samples[n].push(await methods[n]());
    }
  }
  const out = {};
  for (const n of names) {
    const sorted = samples[n].slice().sort((a, b) => a - b);
    out[n] = sorted[Math.floor(sorted.length / 2)];
    out[n.replace('PerSec', 'Samples')] = samples[n];
  }
  return out;
}
`;

function benchPagePlugin(): Plugin {
  const id = 'virtual:bench-store';
  return {
    name: 'chordpad-bench-store',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? pageModule : undefined),
    configureServer(server) {
      server.middlewares.use('/__bench-store', (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end(`<!doctype html><title>bench store</title><script type="module">import { run } from '/@id/${id}'; window.benchStore = run; window.benchReady = true;</script>`);
      });
    },
  };
}

const cacheDir = mkdtempSync(join(tmpdir(), 'chordpad-bench-store-'));
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  cacheDir,
  logLevel: 'warn',
  clearScreen: false,
  plugins: [benchPagePlugin()],
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
});
const browser = await launchChromium();
let exitCode = 0;
try {
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite did not report a local URL');
  const page = await browser.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(new URL('/__bench-store', url).href);
  await page.waitForFunction('window.benchReady === true', undefined, { timeout: 60_000 });
  const figures = await page.evaluate(`window.benchStore(${JSON.stringify({ records, batch, valueBytes, rounds })})`);
  const result = { benchmark: 'store', browser: browser.version(), records, batch, valueBytes, rounds, ...(figures as Record<string, unknown>) };
  if (!json) {
    console.log(`IndexedDB record store, ${records} records of ${valueBytes} value bytes, median of ${rounds} rounds, Chromium ${browser.version()}`);
    for (const [k, v] of Object.entries(figures as Record<string, unknown>)) {
      if (typeof v === 'number') console.log(`  ${k.padEnd(26)} ${String(v).padStart(8)} puts/s`);
    }
  }
  console.log(JSON.stringify(result));
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await browser.close();
  await server.close();
  rmSync(cacheDir, { recursive: true, force: true });
}
process.exit(exitCode);
