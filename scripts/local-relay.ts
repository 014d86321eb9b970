// The embedded Nostr relay (DESIGN.md §5, §9): trystero's default strategy works against it with
// only `relayConfig.urls` changed. Used by `npm start`, `npm run relay`, the e2e harness and the
// mesh benchmark. It listens on 127.0.0.1 only and stores nothing: trystero publishes ephemeral
// kinds (20000–29999), which a relay forwards to live subscribers and never persists.
import { WebSocketServer, type WebSocket } from 'ws';
import { NostrRelay } from '@nostr-relay/core';
import {
  EventRepository,
  EventUtils,
  type Event,
  type EventRepositoryUpsertResult,
  type Filter,
  type IncomingMessage,
  type Logger,
} from '@nostr-relay/common';
import type { AddressInfo } from 'node:net';
import { verifySchnorr } from 'tiny-secp256k1';
import { announcementInEvent, type Announcement } from '../src/net/room-announcers.ts';

/**
 * How far back stats().announcers looks, in ms: longer than trystero's steady re-announce period
 * (60 s), so a peer that stays in a room is always counted.
 */
export const ANNOUNCE_WINDOW_MS = 90_000;
/** trystero batches its room topics into few subscriptions, but a page may host several rooms. */
const MAX_SUBSCRIPTIONS_PER_CLIENT = 200;
/** A Nostr message from a browser is small JSON; anything bigger is not ours. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/** Persists nothing: every event trystero sends is ephemeral signaling. */
class NoStorageRepository extends EventRepository {
  isSearchSupported(): boolean {
    return false;
  }
  upsert(_event: Event): EventRepositoryUpsertResult {
    return { isDuplicate: false };
  }
  find(_filter: Filter): Event[] {
    return [];
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
}

export interface LocalRelayInit {
  /** TCP port; 0 or absent picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. Tests and `npm start` stay on loopback. @default '127.0.0.1' */
  host?: string;
  /** Window for `stats().announcers`, in ms. @default ANNOUNCE_WINDOW_MS */
  announceWindowMs?: number;
}

export interface LocalRelayStats {
  /** WebSocket clients connected right now. */
  sockets: number;
  /** Room topic → distinct trystero peer ids that announced on it within the window. */
  announcers: Map<string, Set<string>>;
  /**
   * Room topic → trystero peer ids in the room right now: peers that announced on the topic from
   * a socket that still subscribes to it (trystero drops the subscription when it leaves a room).
   */
  members: Map<string, Set<string>>;
  /** EVENT messages received since start. */
  events: number;
  /** Messages that were not valid Nostr JSON and were dropped. */
  malformed: number;
}

export interface LocalRelay {
  url: string;
  port: number;
  stats(): LocalRelayStats;
  close(): Promise<void>;
}

const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_128 = /^[0-9a-f]{128}$/;
/**
 * The relay core checks every event's BIP-340 signature with @noble/curves, which took 1.6 ms an
 * event on these machines. A 32-tab start sends thousands of signaling events through the relay
 * at once: with its process reniced to −15 the relay still took 2.9–4.5 s from REQ to EOSE
 * (bench:mesh --timeline, docs/mesh.md item 22). libsecp256k1 compiled to WebAssembly makes the
 * same check in 0.23 ms; public relays (strfry and the like) use libsecp256k1 too. EventUtils is
 * the relay core's one checker for the whole process, so it is set once, when this module loads.
 */
EventUtils.isSigValid = (event: Event): boolean => {
  if (!HEX_64.test(event.id) || !HEX_64.test(event.pubkey) || !HEX_128.test(event.sig)) return false;
  try {
    return verifySchnorr(Buffer.from(event.id, 'hex'), Buffer.from(event.pubkey, 'hex'), Buffer.from(event.sig, 'hex'));
  } catch {
    return false; // a public key that is no point on the curve
  }
};

const quietLogger: Logger = { setLogLevel() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Shape check before the relay core sees a message; the core itself validates each event's id,
 * signature and fields (EventUtils.validate) and answers bad ones with OK false / NOTICE.
 */
function isIncomingMessage(message: unknown): message is IncomingMessage {
  if (!Array.isArray(message) || message.length < 2) return false;
  const type: unknown = message[0];
  const second: unknown = message[1];
  if (type === 'EVENT' || type === 'AUTH') return typeof second === 'object' && second !== null;
  if (type === 'CLOSE') return typeof second === 'string';
  if (type === 'REQ') return typeof second === 'string' && message.slice(2).every((f) => typeof f === 'object' && f !== null);
  return false;
}

/** The room topic and announcing peer id of one trystero announce a client sends (["EVENT", event]), if it is one. */
function announceOf(message: unknown): Announcement | null {
  return Array.isArray(message) && message[0] === 'EVENT' ? announcementInEvent(message[1]) : null;
}

/** Follows which room topics (`#x` filter values) each subscription of a socket listens to. */
function trackSubscription(subs: Map<string, string[]> | undefined, message: IncomingMessage): void {
  if (!subs) return;
  if (message[0] === 'CLOSE') {
    subs.delete(message[1]);
    return;
  }
  if (message[0] !== 'REQ') return;
  const topics: string[] = [];
  for (const filter of message.slice(2)) {
    const values: unknown = typeof filter === 'object' && filter !== null ? Reflect.get(filter, '#x') : undefined;
    if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') topics.push(v);
  }
  subs.set(message[1], topics);
}

export async function startLocalRelay(init: LocalRelayInit = {}): Promise<LocalRelay> {
  const host = init.host ?? '127.0.0.1';
  const windowMs = init.announceWindowMs ?? ANNOUNCE_WINDOW_MS;
  const relay = new NostrRelay(new NoStorageRepository(), {
    maxSubscriptionsPerClient: MAX_SUBSCRIPTIONS_PER_CLIENT,
    logger: quietLogger,
  });
  const wss = new WebSocketServer({ port: init.port ?? 0, host, maxPayload: MAX_MESSAGE_BYTES });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  // topic → peerId → last announce time (ms)
  const seen = new Map<string, Map<string, number>>();
  let events = 0;
  let malformed = 0;

  // Per socket: subscription id → room topics it listens to; topic → peer ids it announced.
  const subscriptions = new Map<WebSocket, Map<string, string[]>>();
  const announcedBy = new Map<WebSocket, Map<string, Set<string>>>();
  /** Per socket: the handling of its last message, which the next one waits for. */
  const inOrder = new Map<WebSocket, Promise<void>>();

  wss.on('connection', (ws: WebSocket, req) => {
    relay.handleConnection(ws, req.socket.remoteAddress);
    subscriptions.set(ws, new Map());
    announcedBy.set(ws, new Map());
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString('utf8'));
      } catch {
        malformed++;
        return;
      }
      if (!isIncomingMessage(message)) {
        malformed++;
        return;
      }
      if (message[0] === 'EVENT') events++;
      const announce = announceOf(message);
      if (announce) {
        const peers = seen.get(announce.topic) ?? new Map<string, number>();
        peers.set(announce.peerId, Date.now());
        seen.set(announce.topic, peers);
        const mine = announcedBy.get(ws);
        const set = mine?.get(announce.topic) ?? new Set<string>();
        set.add(announce.peerId);
        mine?.set(announce.topic, set);
      }
      trackSubscription(subscriptions.get(ws), message);
      // One client's messages are handled in the order they came, as a relay should: handled
      // concurrently, a REQ still being set up let the EVENT right behind it go out to everybody
      // but its own sender, and a tab that never hears its own announce waits longer before it
      // decides it is alone (room-announcers.ts). The relay core answers malformed messages with
      // NOTICE; it rejects, never throws, but a rejection must not go unhandled in the host process.
      const incoming = message;
      const previous = inOrder.get(ws) ?? Promise.resolve();
      inOrder.set(
        ws,
        previous.then(() =>
          relay.handleMessage(ws, incoming).then(
            () => undefined,
            () => {
              malformed++;
            },
          ),
        ),
      );
    });
    ws.on('close', () => {
      relay.handleDisconnect(ws);
      subscriptions.delete(ws);
      announcedBy.delete(ws);
      inOrder.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  });

  const port = (wss.address() as AddressInfo).port;
  return {
    url: `ws://${host}:${port}`,
    port,
    stats() {
      const cutoff = Date.now() - windowMs;
      const announcers = new Map<string, Set<string>>();
      for (const [topic, peers] of seen) {
        const live = new Set<string>();
        for (const [peer, at] of peers) {
          if (at >= cutoff) live.add(peer);
          else peers.delete(peer);
        }
        if (live.size > 0) announcers.set(topic, live);
      }
      const members = new Map<string, Set<string>>();
      for (const [ws, subs] of subscriptions) {
        const listening = new Set([...subs.values()].flat());
        for (const [topic, peers] of announcedBy.get(ws) ?? []) {
          if (!listening.has(topic)) continue;
          const set = members.get(topic) ?? new Set<string>();
          for (const p of peers) set.add(p);
          members.set(topic, set);
        }
      }
      return { sockets: wss.clients.size, announcers, members, events, malformed };
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await relay.destroy();
    },
  };
}
