// Bootstrap through a trystero Nostr room (DESIGN.md §5): a new tab meets a first ring member
// here, learns its node id and signals our own WebRTC link to it through the room. The room is a
// full mesh, so the runtime keeps it small: it calls join() while it has no live successor and
// leave() once it has one, unless it is a greeter. This module only offers join/leave; the
// discipline is the runtime's decision.
//
// Mapping ids: trystero's `selfId` is one per page and changes on every load (ENVIRONMENT.md); each
// peer tells the other its persistent NodeId through a small action as soon as they meet, and
// the ring size it estimates (0: on no ring yet) through another, again whenever it changes, so a
// newcomer can tell members from other newcomers (runtime/bootstrap-step.ts).
// Relay health: trystero gives up reconnecting a relay socket for good once its backoff reaches
// 60 s, and its relay manager reuses a dead client per URL forever. So when no relay socket of
// ours has been open for `unreachableAfterMs`, we report `unreachable`, leave, and rejoin after a
// backoff with fresh relay URLs (a `cp-attempt` query parameter makes them new keys). A socket
// still opening is slow, not unreachable: it gets `connectingGraceMs`. Many tabs starting at once
// on a busy machine took 8 s to open theirs (bench:mesh --timeline, 32 tabs); called unreachable
// at 5 s, 26 of 32 started rings of their own, and the rejoin threw the opening socket away.
import { joinRoom as trysteroJoinRoom, getRelaySockets as trysteroRelaySockets, selfId as trysteroSelfId } from 'trystero';
import type { JoinRoomConfig, Room } from 'trystero';
import { isAdvertisedRing, type PeerEvent, type SignalChannel } from '../ports/signaling.ts';
import { asNodeId, isRingId, type NodeId } from '../wire/ids.ts';
import { createRoomAnnouncers } from './room-announcers.ts';

export type RoomState = 'idle' | 'connecting' | 'online' | 'unreachable' | 'left';

export interface RoomStatus {
  state: RoomState;
  /** Relay URLs in use (undefined: trystero's public defaults) and whether each socket is open or still opening. */
  relays: { url: string; open: boolean; opening: boolean }[];
  /** Failed join attempts in a row; 0 once a relay is reachable. */
  attempt: number;
  /** While unreachable: ms until the next try. */
  retryInMs?: number;
  /** Room members whose NodeId we know. */
  peers: number;
  /** Other tabs heard in the room since we joined it — announcing, or signalling us — connected or not yet. */
  heard: number;
  /** Whether any room signal (our own announce or another tab's) has come from a relay since we joined: we hear the room. */
  hearing: boolean;
}

export interface RoomBootstrapInit {
  self: NodeId;
  /** trystero appId: separates apps on shared public relays. @default 'chordpad' */
  appId?: string;
  /** Room name. @default 'chordpad-bootstrap-v1' */
  roomId?: string;
  /** Relay URLs; undefined uses trystero's public Nostr relays (see relay-config.ts). */
  relayUrls?: string[] | undefined;
  /** RTC configuration of trystero's own room connections. */
  rtcConfig?: RTCConfiguration;
  /** Consider the relays unreachable after no socket was open for this long (ms). @default 5000 */
  unreachableAfterMs?: number;
  /** …unless a socket is still opening: then after this long (ms). @default 20000 */
  connectingGraceMs?: number;
  /** First retry delay after the relays were unreachable (ms); doubles each time. @default 1000 */
  retryInitialMs?: number;
  /** Longest retry delay (ms). @default 30000 */
  retryMaxMs?: number;
  /** How often relay health is checked (ms). @default 500 */
  pollMs?: number;
}

export interface RoomBootstrapDeps {
  /** @default trystero's joinRoom (Nostr strategy) */
  joinRoom?: (config: JoinRoomConfig, roomId: string) => Room;
  /** @default trystero's getRelaySockets */
  getRelaySockets?: () => Record<string, WebSocket>;
  /** RTCPeerConnection for trystero's connections (tests: the loopback subclass). */
  rtcPolyfill?: typeof RTCPeerConnection;
  /** This page's trystero peer id. @default trystero's selfId */
  selfPeerId?: string;
  onStatus?: (status: RoomStatus) => void;
}

export interface RoomStats {
  /** Room messages that were not ours or were malformed. */
  droppedMessages: number;
  signalsSent: number;
  signalsReceived: number;
  /** trystero rejected a send (the peer's channel was gone): the signal was lost. */
  sendFailures: number;
}

export interface RoomBootstrap {
  /** Signals to room members by NodeId; send() is false for ids not (or no longer) in the room. */
  readonly signal: SignalChannel;
  /** Joins the room (no-op if joined). Status goes connecting → online, or unreachable + retries. */
  join(): void;
  /** Leaves the room and stops retrying; the pool keeper stays (see open()), for a later join(). */
  leave(): Promise<void>;
  /** Leaves the room for good, pool keeper and all (the node stops). */
  stop(): Promise<void>;
  /** NodeIds of room members right now. */
  peers(): NodeId[];
  onPeer(listener: (peer: NodeId, event: PeerEvent) => void): () => void;
  /** The ring size `peer` last told (0: on no ring, or unknown). */
  ringSize(peer: NodeId): number;
  /** Tells every room member our ring size (0: on no ring); sent again only when it changes. */
  setRingSize(size: number): void;
  /**
   * Peers in the room — heard announcing or signalling us since we joined it, before trystero
   * connects us to them (room-announcers.ts), or connected — counted by whether their trystero id
   * sorts below or above ours; null while no relay is open.
   */
  announcers(): { lower: number; higher: number } | null;
  /** Whether any room signal (our own announce or another tab's) has come from a relay since we joined: we hear the room. */
  hearing(): boolean;
  status(): RoomStatus;
  stats(): RoomStats;
}

const ID_ACTION = 'cp-id';
const SIGNAL_ACTION = 'cp-sig';
const RING_ACTION = 'cp-ring';
/** Signals are SDP-sized; bigger payloads are not ours. In characters. */
const MAX_SIGNAL_CHARS = 128 * 1024;

function withAttempt(url: string, attempt: number): string {
  if (attempt === 0) return url;
  try {
    const u = new URL(url);
    u.searchParams.set('cp-attempt', String(attempt));
    return u.toString();
  } catch {
    return url;
  }
}

/** trystero's relay sockets by URL. trystero types getRelaySockets as `any`; keep only real WebSockets. */
export function trysteroRelaySocketsByUrl(): Record<string, WebSocket> {
  const fn: unknown = trysteroRelaySockets;
  if (typeof fn !== 'function') return {};
  const raw: unknown = Reflect.apply(fn, undefined, []);
  const sockets: Record<string, WebSocket> = {};
  if (typeof raw !== 'object' || raw === null) return sockets;
  for (const [url, socket] of Object.entries(raw)) if (socket instanceof WebSocket) sockets[url] = socket;
  return sockets;
}

export function createRoomBootstrap(init: RoomBootstrapInit, deps: RoomBootstrapDeps = {}): RoomBootstrap {
  const joinRoom = deps.joinRoom ?? trysteroJoinRoom;
  const relaySockets = deps.getRelaySockets ?? trysteroRelaySocketsByUrl;
  const unreachableAfterMs = init.unreachableAfterMs ?? 5_000;
  const connectingGraceMs = Math.max(unreachableAfterMs, init.connectingGraceMs ?? 20_000);
  const retryInitialMs = init.retryInitialMs ?? 1_000;
  const retryMaxMs = init.retryMaxMs ?? 30_000;
  const pollMs = init.pollMs ?? 500;

  let room: Room | undefined;
  /**
   * A passive room of our own, joined with the first join() and kept while the runtime leaves and
   * rejoins the bootstrap room (room discipline). trystero warms up a pool of 20 offer
   * RTCPeerConnections when a page joins a room while it is in no other, and destroys the pool
   * when the page leaves its last room (its offer-pool; dmotz/trystero#197). Chromium allows 500
   * RTCPeerConnections per page and counts closed ones for a while (ENVIRONMENT.md), and in a
   * 32-tab bench:mesh run tabs went back into the room 15–21 times: 300–420 of their budget on
   * pools alone. A dormant passive room announces nothing and nobody else joins it
   * (its name has our trystero id); it only keeps the page in a room. It is dropped when the relays
   * are unreachable, because trystero sets up its relay sockets afresh only once a page has left
   * every room, and the retry needs fresh sockets.
   */
  let keeper: Room | undefined;
  let sendId: ((id: string, target: string) => void) | undefined;
  let sendSignal: ((data: string, target: string) => void) | undefined;
  /** Sends our ring size to one member, or to every member of the room without a target. */
  let sendRing: ((size: number, target?: string) => void) | undefined;
  let ringSize = 0;
  let wanted = false;
  let state: RoomState = 'idle';
  let attempt = 0;
  let urls: string[] | undefined;
  let lastOpenAt = 0;
  let retryAt: number | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let droppedMessages = 0;
  let signalsSent = 0;
  let signalsReceived = 0;
  let sendFailures = 0;
  let handler: (from: NodeId, data: string) => void = () => {};
  const byPeerId = new Map<string, NodeId>();
  const byNodeId = new Map<NodeId, string>();
  /** Ring sizes by trystero peer id: a size may arrive before the id that names its sender. */
  const ringByPeerId = new Map<string, number>();
  const listeners = new Set<(peer: NodeId, event: PeerEvent) => void>();
  const selfPeerId = deps.selfPeerId ?? trysteroSelfId;
  const announced = createRoomAnnouncers(selfPeerId, relaySockets);

  const status = (): RoomStatus => {
    const sockets = relaySockets();
    const relays = Object.entries(sockets)
      .filter(([url]) => !urls || urls.includes(url))
      .map(([url, s]) => ({ url, open: s.readyState === WebSocket.OPEN, opening: s.readyState === WebSocket.CONNECTING }));
    const s: RoomStatus = { state, relays, attempt, peers: byNodeId.size, heard: announced.heard().length, hearing: announced.hearing() };
    if (state === 'unreachable' && retryAt !== undefined) s.retryInMs = Math.max(0, retryAt - Date.now());
    return s;
  };
  const report = (): void => deps.onStatus?.(status());
  const setState = (next: RoomState): void => {
    if (next === state) return;
    state = next;
    report();
  };

  const forget = (peerId: string): void => {
    const id = byPeerId.get(peerId);
    byPeerId.delete(peerId);
    ringByPeerId.delete(peerId);
    if (id === undefined || byNodeId.get(id) !== peerId) return;
    byNodeId.delete(id);
    for (const l of listeners) l(id, 'leave');
  };

  const open = (): void => {
    const config: JoinRoomConfig = { appId: init.appId ?? 'chordpad' };
    urls = init.relayUrls?.map((u) => withAttempt(u, attempt));
    if (urls) config.relayConfig = { urls };
    if (init.rtcConfig) config.rtcConfig = init.rtcConfig;
    if (deps.rtcPolyfill) config.rtcPolyfill = deps.rtcPolyfill;
    const roomName = init.roomId ?? 'chordpad-bootstrap-v1';
    const r = joinRoom(config, roomName);
    keeper ??= joinRoom({ ...config, passive: true }, `${roomName}/pool-keeper/${selfPeerId}`);
    room = r;
    announced.reset();
    announced.watch();
    lastOpenAt = Date.now();
    setState('connecting');

    const idAction = r.makeAction<string>(ID_ACTION);
    // Each signal names its sender's NodeId: trystero may deliver a signal before the id message
    // (different actions), and perfect negotiation deadlocks if an offer is lost.
    const signalAction = r.makeAction<{ from: string; data: string }>(SIGNAL_ACTION);
    sendId = (id, target) => void idAction.send(id, { target }).catch(() => sendFailures++);
    sendSignal = (data, target) => {
      signalsSent++;
      void signalAction.send({ from: init.self, data }, { target }).catch(() => sendFailures++);
    };
    const ringAction = r.makeAction<number>(RING_ACTION);
    sendRing = (size, target) => void ringAction.send(size, target === undefined ? undefined : { target }).catch(() => sendFailures++);
    ringAction.onMessage = (data: unknown, { peerId }) => {
      if (room !== r) return;
      if (!isAdvertisedRing(data)) {
        droppedMessages++;
        return;
      }
      if (ringByPeerId.get(peerId) === data) return;
      ringByPeerId.set(peerId, data);
      const id = byPeerId.get(peerId);
      if (id !== undefined) for (const l of listeners) l(id, 'ring');
    };
    const learn = (peerId: string, id: NodeId): void => {
      const previous = byNodeId.get(id);
      if (previous === peerId) return;
      if (previous !== undefined) byPeerId.delete(previous);
      const stale = byPeerId.get(peerId);
      if (stale !== undefined && stale !== id) byNodeId.delete(stale);
      byPeerId.set(peerId, id);
      byNodeId.set(id, peerId);
      for (const l of listeners) l(id, 'join');
      report();
    };
    idAction.onMessage = (data: unknown, { peerId }) => {
      if (room !== r) return;
      if (!isRingId(data) || data === init.self) {
        droppedMessages++;
        return;
      }
      learn(peerId, asNodeId(data));
    };
    signalAction.onMessage = (payload: unknown, { peerId }) => {
      if (room !== r) return;
      const from: unknown = typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'from') : undefined;
      const data: unknown = typeof payload === 'object' && payload !== null ? Reflect.get(payload, 'data') : undefined;
      if (!isRingId(from) || from === init.self || typeof data !== 'string' || data.length > MAX_SIGNAL_CHARS) {
        droppedMessages++;
        return;
      }
      const id = asNodeId(from);
      if (byPeerId.get(peerId) !== id) learn(peerId, id);
      signalsReceived++;
      handler(id, data);
    };
    r.onPeerJoin = (peerId) => {
      if (room !== r) return;
      sendId?.(init.self, peerId);
      if (ringSize > 0) sendRing?.(ringSize, peerId);
    };
    r.onPeerLeave = (peerId) => {
      if (room !== r) return;
      announced.forget(peerId);
      forget(peerId);
      report();
    };
  };

  const close = async (): Promise<void> => {
    const r = room;
    room = undefined;
    sendId = undefined;
    sendSignal = undefined;
    sendRing = undefined;
    for (const peerId of [...byPeerId.keys()]) forget(peerId);
    ringByPeerId.clear();
    announced.reset();
    if (r) await r.leave().catch(() => {});
  };

  /** Leaves the pool keeper (forgotten at once, so that a join() after this makes a new one). */
  const dropKeeper = (): Promise<void> => {
    const k = keeper;
    keeper = undefined;
    return k ? k.leave().catch(() => {}) : Promise.resolve();
  };

  /**
   * What the last report said of hearing the room. Tabs heard come in between state changes, and
   * the runtime's status (and its timeline in bench:mesh) showed "not hearing" for 20 s after
   * 45 room messages had arrived (32 tabs, session 8): report them on the next poll.
   */
  let heardTold = { heard: 0, hearing: false };
  const reportHearingIfChanged = (): void => {
    const current = { heard: announced.heard().length, hearing: announced.hearing() };
    if (current.heard === heardTold.heard && current.hearing === heardTold.hearing) return;
    heardTold = current;
    report();
  };

  const check = (): void => {
    if (!wanted || !room) return;
    announced.watch();
    const relays = status().relays;
    const now = Date.now();
    if (relays.some((r) => r.open)) {
      lastOpenAt = now;
      attempt = 0;
      setState('online');
      reportHearingIfChanged();
      return;
    }
    const opening = relays.some((r) => r.opening);
    if (now - lastOpenAt < (opening ? connectingGraceMs : unreachableAfterMs)) return;
    // No relay reachable: say so, drop this room and try again later with fresh sockets.
    attempt++;
    const delay = Math.min(retryMaxMs, retryInitialMs * 2 ** (attempt - 1));
    retryAt = now + delay;
    void Promise.all([close(), dropKeeper()]);
    setState('unreachable');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retryAt = undefined;
      if (wanted && !room) open();
    }, delay);
  };

  return {
    signal: {
      send(to, data) {
        const peerId = byNodeId.get(to);
        if (peerId === undefined || !sendSignal) return false;
        sendSignal(data, peerId);
        return true;
      },
      setHandler(h) {
        handler = h;
      },
    },
    join() {
      if (wanted) return;
      wanted = true;
      attempt = 0;
      open();
      poll = setInterval(check, pollMs);
    },
    async leave() {
      wanted = false;
      clearInterval(poll);
      clearTimeout(retryTimer);
      poll = undefined;
      retryTimer = undefined;
      await close();
      setState('left');
    },
    async stop() {
      await this.leave();
      await dropKeeper();
    },
    peers: () => [...byNodeId.keys()],
    ringSize(peer) {
      const peerId = byNodeId.get(peer);
      return peerId === undefined ? 0 : (ringByPeerId.get(peerId) ?? 0);
    },
    announcers() {
      if (state !== 'online') return null;
      // Members we are connected to count too: they may have announced before we listened.
      const heard = new Set([...announced.heard(), ...byPeerId.keys()]);
      heard.delete(selfPeerId);
      const lower = [...heard].filter((peerId) => peerId < selfPeerId).length;
      return { lower, higher: heard.size - lower };
    },
    hearing: () => state === 'online' && announced.hearing(),
    setRingSize(size) {
      if (!isAdvertisedRing(size) || size === ringSize) return;
      ringSize = size;
      sendRing?.(size);
    },
    onPeer(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status,
    stats: () => ({ droppedMessages, signalsSent, signalsReceived, sendFailures }),
  };
}
