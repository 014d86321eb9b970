// A page that runs one Chordpad ring node (src/runtime/browser-node.ts) with its real identity
// slot, for the multi-tab tests and `npm run bench:mesh`. Query: relays, roomId, channel, and
// `hold` — load the page but start the node only when the harness calls ring.begin(at): the
// benchmark then starts every node at one instant, after all pages have loaded.
// The harness's init script has already swapped in the loopback RTCPeerConnection.
import { startBrowserNode, type BrowserNode, type BrowserNodeStatus } from '../../../src/runtime/browser-node.ts';
import { claimIdentitySlot } from '../../../src/store/identity-slots.ts';
import { parseRelayUrls } from '../../../src/net/relay-config.ts';
import { trysteroRelaySocketsByUrl } from '../../../src/net/room-bootstrap.ts';
import type { NodeId } from '../../../src/wire/ids.ts';
import { asKeyId } from '../../../src/wire/ids.ts';

declare global {
  interface Window {
    ring: {
      node: BrowserNode | null;
      startedAt: number;
      joinedAt: number | null;
      maxLinks: number;
      error: string | null;
      /** What this tab went through (wall clock ms, for lining tabs up): phase, problem and successor changes. */
      timeline: { at: number; what: string }[];
      status(): BrowserNodeStatus | null;
      lookup(key: string): Promise<{ owner: NodeId; hops: number; ms: number }>;
      stop(): Promise<void>;
      /** With `hold`: start the node at wall-clock `at` (ms since the epoch). */
      begin(at: number): void;
    };
    /** The harness's listener (mesh-harness.ts): every status change, pushed as it happens. */
    ringReport?: (status: BrowserNodeStatus) => Promise<void>;
  }
}

const params = new URLSearchParams(location.search);
const statusLine = document.getElementById('status');

window.ring = {
  node: null,
  startedAt: performance.now(),
  joinedAt: null,
  maxLinks: 0,
  error: null,
  timeline: [{ at: Date.now(), what: 'page script started' }],
  status: () => window.ring.node?.status() ?? null,
  async lookup(key) {
    const node = window.ring.node;
    if (!node) throw new Error('not started');
    const t0 = performance.now();
    const result = await node.lookup(asKeyId(key));
    return { owner: result.owner, hops: result.hops, ms: performance.now() - t0 };
  },
  async stop() {
    await window.ring.node?.stop();
  },
  begin(at) {
    setTimeout(() => void startNode(), Math.max(0, at - Date.now()));
  },
};

if (!params.has('hold')) await startNode();
watchMainThread();

/** Puts every stall of this page's main thread longer than a second on the timeline: a busy tab hears and answers late. */
function watchMainThread(): void {
  const everyMs = 250;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const stalled = now - last - everyMs;
    if (stalled > 1_000) window.ring.timeline.push({ at: Date.now(), what: `main thread stalled ${Math.round(stalled)} ms` });
    last = now;
  }, everyMs);
}

async function startNode(): Promise<void> {
  window.ring.startedAt = performance.now();
  window.ring.timeline.push({ at: Date.now(), what: 'node starting' });
  try {
    const claim = await claimIdentitySlot({ namespace: params.get('ns') ?? 'chordpad-e2e' });
    const node = await startBrowserNode(
      {
        nodeId: claim.identity.nodeId,
        relayUrls: parseRelayUrls(params.get('relays')),
        roomId: params.get('roomId') ?? 'chordpad-e2e',
        channelName: params.get('channel') ?? 'chordpad-e2e',
        ...(params.has('discoveryMs') ? { discoveryMs: Number(params.get('discoveryMs')) } : {}),
        pageLifecycle: true,
      },
      {},
    );
    window.ring.node = node;
    window.ring.timeline.push({ at: Date.now(), what: 'node started' });
    watchRelaySockets();
    // The core's own account of joins and merges, between the status lines: why a join try failed.
    const short = (id: string | null): string => id?.slice(0, 6) ?? '—';
    node.driver.onEvent((e) => {
      let what: string | null = null;
      if (e.type === 'join_failed') what = `core: join through ${short(e.bootstrap)} failed: ${e.reason}`;
      else if (e.type === 'isolated') what = 'core: isolated';
      else if (e.type === 'signal_failed') what = `core: signal to ${short(e.to)} failed: ${e.code}`;
      else if (e.type === 'lookup_failed' && e.purpose !== 'user') what = `core: ${e.purpose} lookup of ${short(e.target)} failed: ${e.code} after ${Math.round(e.latencyMs)} ms`;
      else if (e.type === 'lookup_done' && e.purpose === 'join') what = `core: join lookup → ${short(e.owner)} in ${e.hops} hops, ${Math.round(e.latencyMs)} ms`;
      if (what) window.ring.timeline.push({ at: Date.now(), what });
    });
    let last = '';
    let lastPlace = '';
    let ringStartTold = false;
    node.onStatus((s) => {
      if (s.ringStart && !ringStartTold) window.ring.timeline.push({ at: Date.now(), what: `started a ring: ${s.ringStart}` });
      ringStartTold ||= s.ringStart !== null;
      const room = s.inRoom ? `room ${s.room.state}/${s.room.peers} peers/${s.room.heard} heard${s.room.hearing ? '' : ' (not hearing)'}` : 'room left';
      const line = `${s.phase}${s.problem ? ` (${s.problem})` : ''} succ ${s.successors[0]?.slice(0, 6) ?? '—'} pred ${s.predecessor?.slice(0, 6) ?? '—'} links ${s.links.length} ${room}`;
      if (line !== last) window.ring.timeline.push({ at: Date.now(), what: line });
      last = line;
      window.ring.maxLinks = Math.max(window.ring.maxLinks, s.links.length);
      if (s.phase === 'online' && window.ring.joinedAt === null) window.ring.joinedAt = performance.now();
      if (statusLine) statusLine.textContent = `${s.phase}${s.problem ? `: ${s.problem}` : ''} — ${s.links.length} links`;
      // What the oracle check reads: pushed when it changes, not on every count the room updates.
      const place = `${s.phase} ${s.predecessor ?? ''} ${s.successors[0] ?? ''}`;
      if (place !== lastPlace) window.ringReport?.(s).catch(() => {}); // the harness may be gone (context closing)
      lastPlace = place;
    });
  } catch (error) {
    window.ring.error = String(error);
    if (statusLine) statusLine.textContent = `error: ${String(error)}`;
  }
}

/**
 * Puts each relay socket's life on the timeline — when it opens or closes, what it receives (the
 * first message and every 50th) and what the page sends on it (the first and every 25th), by
 * Nostr kind — to tell a socket that is slow to open from a relay that is slow to answer (sends
 * without OKs) and from a page that is slow to send (neither).
 */
function watchRelaySockets(): void {
  const watched = new WeakSet<WebSocket>();
  const look = (): void => {
    for (const socket of Object.values(trysteroRelaySocketsByUrl())) {
      if (watched.has(socket)) continue;
      watched.add(socket);
      const tell = (what: string): void => void window.ring.timeline.push({ at: Date.now(), what: `relay socket ${what}` });
      tell(`seen (${['connecting', 'open', 'closing', 'closed'][socket.readyState] ?? '?'})`);
      const countSent = frameCounter('sent', 25, tell);
      const countReceived = frameCounter('message', 50, tell);
      const send = socket.send.bind(socket);
      socket.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView): void => {
        countSent(data);
        send(data);
      };
      socket.addEventListener('open', () => tell('open'));
      socket.addEventListener('close', (e) => tell(`closed (${e.code})`));
      socket.addEventListener('message', (e: MessageEvent) => countReceived(e.data));
    }
  };
  look();
  setInterval(look, 250);
}

/** Counts Nostr frames by kind (EVENT, OK, REQ …) and tells the tally on the first and every `every`th. */
function frameCounter(label: string, every: number, tell: (what: string) => void): (data: unknown) => void {
  let count = 0;
  const kinds = new Map<string, number>();
  return (data) => {
    count++;
    const kind = typeof data === 'string' ? (/^\["(\w+)"/.exec(data)?.[1] ?? 'other') : 'binary';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (count === 1 || count % every === 0) tell(`${label} ${count} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`);
  };
}
