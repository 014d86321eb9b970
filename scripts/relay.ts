// `npm run relay [-- --port P]`: the embedded Nostr signaling relay on its own, for running the app
// across two browsers (point them at it with `?relays=ws://127.0.0.1:P`).
import { startLocalRelay } from './local-relay.ts';

const portArg = process.argv.indexOf('--port');
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : 0;
const relay = await startLocalRelay({ port });
console.log(`relay: ${relay.url}`);
const stop = (): void => {
  void relay.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
