// The embedded relay checks signatures with libsecp256k1 (scripts/local-relay.ts): a signed event
// reaches a subscriber, and the same event with one bit of its signature flipped, or signed by a
// key that is not its author's, is refused with OK false and reaches nobody. Node only (a
// WebSocket client and node:crypto), so it lives with the e2e tests, not with test/unit, which
// also runs in Chromium. Run: npx mocha --config .mocharc.e2e.json test/e2e/net/relay-signatures.e2e.ts
import { expect } from 'chai';
import { createHash, randomBytes } from 'node:crypto';
import { signSchnorr, xOnlyPointFromScalar } from 'tiny-secp256k1';
import WebSocket from 'ws';
import { startLocalRelay, type LocalRelay } from '../harness/servers.ts';

interface NostrEvent {
  id: string;
  pubkey: string;
  created_at: number;
  kind: number;
  tags: string[][];
  content: string;
  sig: string;
}

const KIND = 20_001; // ephemeral, as trystero's

const publicKeyOf = (secret: Uint8Array): string => Buffer.from(xOnlyPointFromScalar(secret)).toString('hex');

/** An event signed with `secret` that names `pubkey` as its author (its own by default). */
function signedEvent(secret: Uint8Array, content: string, pubkey = publicKeyOf(secret)): NostrEvent {
  const created_at = Math.floor(Date.now() / 1000);
  const tags = [['x', 'topic']];
  const id = createHash('sha256').update(JSON.stringify([0, pubkey, created_at, KIND, tags, content])).digest();
  const sig = Buffer.from(signSchnorr(id, secret, randomBytes(32))).toString('hex');
  return { id: id.toString('hex'), pubkey, created_at, kind: KIND, tags, content, sig };
}

function connect(url: string): Promise<{ ws: WebSocket; next: (type: string) => Promise<unknown[]> }> {
  const ws = new WebSocket(url);
  const inbox: unknown[][] = [];
  const waiting: { type: string; resolve: (m: unknown[]) => void }[] = [];
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as unknown[];
    const i = waiting.findIndex((w) => w.type === message[0]);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(message);
    else inbox.push(message);
  });
  const next = (type: string): Promise<unknown[]> => {
    const i = inbox.findIndex((m) => m[0] === type);
    if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] ?? []);
    return new Promise((resolve) => waiting.push({ type, resolve }));
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next }));
    ws.once('error', reject);
  });
}

describe('local relay: signature checks', function () {
  let relay: LocalRelay;
  before(async function () {
    relay = await startLocalRelay();
  });
  after(async function () {
    await relay.close();
  });

  it('forwards a signed event and refuses a forged one', async function () {
    const subscriber = await connect(relay.url);
    const publisher = await connect(relay.url);
    subscriber.ws.send(JSON.stringify(['REQ', 'sub', { kinds: [KIND], '#x': ['topic'] }]));
    await subscriber.next('EOSE');

    const author = randomBytes(32);
    const flipped = signedEvent(author, 'flipped');
    flipped.sig = flipped.sig.slice(0, 10) + (flipped.sig[10] === '0' ? '1' : '0') + flipped.sig.slice(11);
    const impostor = signedEvent(randomBytes(32), 'impostor', publicKeyOf(author));
    for (const forged of [flipped, impostor]) {
      publisher.ws.send(JSON.stringify(['EVENT', forged]));
      const ok = await publisher.next('OK');
      expect(ok[1]).to.equal(forged.id);
      expect(ok[2], `${forged.content} refused`).to.equal(false);
    }

    const genuine = signedEvent(author, 'genuine');
    publisher.ws.send(JSON.stringify(['EVENT', genuine]));
    expect((await publisher.next('OK'))[2]).to.equal(true);
    // The subscriber gets the genuine event and nothing before it: the forged ones went nowhere.
    const delivered = await subscriber.next('EVENT');
    expect((delivered[2] as NostrEvent).content).to.equal('genuine');
    subscriber.ws.close();
    publisher.ws.close();
  });
});
