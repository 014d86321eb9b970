// `npm start` (DESIGN.md §9): the embedded Nostr relay on 127.0.0.1, then the Vite dev server with
// the relay's URL baked in as VITE_RELAY_URLS, so every tab opened from the printed URL bootstraps
// through the local relay. A tab can still point elsewhere with `?relays=ws://…`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type InlineConfig } from 'vite';
import { startLocalRelay } from './local-relay.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const relay = await startLocalRelay();
// Vite exposes VITE_* variables from process.env to the app as import.meta.env.
process.env['VITE_RELAY_URLS'] = relay.url;

const projectConfig = existsSync(`${root}vite.config.ts`);
const config: InlineConfig = projectConfig
  ? { root, server: { host: '127.0.0.1' } }
  : { root, configFile: false, server: { host: '127.0.0.1' } };
const server = await createServer(config);
await server.listen();

const appUrl = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
console.log(`relay: ${relay.url}`);
console.log(`app:   ${appUrl}`);
console.log('Open the app URL in several tabs or browsers on this machine; Ctrl-C stops both.');

const stop = (): void => {
  void Promise.all([server.close(), relay.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
