// Who else is in the bootstrap room, seconds before trystero shows them (DESIGN.md §5).
// trystero reports a room member only once its own WebRTC connection to it is open; with many
// tabs starting together on a busy machine that took over 4 s, every tab saw an empty room, and
// each started a ring of its own (bench:mesh --timeline, 32 tabs: 26 rings of one). But every
// member announces itself on the room's Nostr topic the moment it joins, and the relay forwards
// that announcement to every subscriber within milliseconds. So we read the announcements off
// trystero's relay sockets (trystero's public getRelaySockets), which tells a newcomer at once
// how many tabs are starting with it, and whether one of them comes first (runtime/bootstrap-step.ts).
//
// The format is trystero 0.25's: an EVENT whose content is the JSON `{"peerId": …}` and nothing
// else (offers, answers and candidates carry more fields), tagged `x` with the topic. Our own
// announcement comes back from the relay too, which names our room's topic; announcements on other
// topics are ignored. Anything unexpected is ignored: this only speeds the bootstrap up, it is
// never needed for correctness.

export interface Announcement {
  peerId: string;
  topic: string;
}

/** A trystero peer's announcement in one relay message, or null for anything else. */
export function announcementOf(raw: unknown): Announcement | null {
  if (typeof raw !== 'string' || raw.length > 8_192) return null;
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(message) || message[0] !== 'EVENT') return null;
  const event: unknown = message[2];
  if (typeof event !== 'object' || event === null) return null;
  const content: unknown = Reflect.get(event, 'content');
  const tags: unknown = Reflect.get(event, 'tags');
  if (typeof content !== 'string' || !Array.isArray(tags)) return null;
  const tag: unknown = tags.find((t: unknown) => Array.isArray(t) && t[0] === 'x');
  const topic: unknown = Array.isArray(tag) ? tag[1] : undefined;
  if (typeof topic !== 'string') return null;
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const keys = Object.keys(body);
  const peerId: unknown = Reflect.get(body, 'peerId');
  // An announce carries the peer id alone (a passive peer's also says so).
  if (typeof peerId !== 'string' || peerId.length === 0 || peerId.length > 64) return null;
  if (!keys.every((k) => k === 'peerId' || k === 'passive')) return null;
  return { peerId, topic };
}

export interface RoomAnnouncers {
  /** Looks for relay sockets not listened to yet (trystero opens a new one on reconnect). */
  watch(): void;
  /** Peers (trystero ids, ours excluded) heard announcing in our room since the last reset. */
  heard(): string[];
  /**
   * Whether our own announcement has come back from the relay since the last reset: from then on
   * we hear the room. On a busy machine that took seconds after the socket opened.
   */
  echoed(): boolean;
  /** Forgets what was heard (a rejoin of the room starts over). */
  reset(): void;
  /** Forgets `peerId` (it left the room). */
  forget(peerId: string): void;
  close(): void;
}

export function createRoomAnnouncers(selfPeerId: string, sockets: () => Record<string, WebSocket>): RoomAnnouncers {
  const watched = new Set<WebSocket>();
  /** peer id → topic it announced on. */
  const announced = new Map<string, string>();
  let ourTopic: string | null = null;
  const onMessage = (event: MessageEvent): void => {
    const a = announcementOf(event.data);
    if (!a) return;
    if (a.peerId === selfPeerId) ourTopic = a.topic;
    else announced.set(a.peerId, a.topic);
  };
  return {
    watch() {
      for (const socket of Object.values(sockets())) {
        if (watched.has(socket)) continue;
        watched.add(socket);
        socket.addEventListener('message', onMessage);
      }
    },
    echoed: () => ourTopic !== null,
    heard() {
      // Until our own announcement has come back we cannot tell our topic: count nobody yet.
      if (ourTopic === null) return [];
      return [...announced].filter(([, topic]) => topic === ourTopic).map(([peerId]) => peerId);
    },
    reset() {
      announced.clear();
      ourTopic = null;
    },
    forget(peerId) {
      announced.delete(peerId);
    },
    close() {
      for (const socket of watched) socket.removeEventListener('message', onMessage);
      watched.clear();
      announced.clear();
    },
  };
}
