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
// else (offers, answers and candidates carry more fields). A relay socket of ours carries only
// the topics of our rooms, and a Chordpad page joins one room, so every announce on it is of a
// tab in our room (a ping on our own topic, `{"peerId": …}` too, is from one as well).
//
// Announcing is nearly one-shot: trystero announces four times in its first 2 s, then once a
// minute. A tab that subscribes later hears none of the earlier tabs' announces — but each of
// them answers ours on our own topic, the tabs after it in id order with a ping and the tabs
// before it with an offer. So the sender of any signal counts as heard, not only of announces:
// without the offers a late tab never heard the tabs before it, took itself for the first and
// started a second ring (bench:mesh --timeline, 16 tabs: 4 of 16 had heard 10–13). Our own
// announce coming back, or anybody's, tells that the relay path works end to end: from then on
// we hear the room. Not our own alone: a relay forwards an event once per id, trystero's
// repeated announces within one second share an id, and the first may reach the relay before
// our subscription does (32-tab runs: some tabs never heard themselves). Anything unexpected is
// ignored: this only speeds the bootstrap up, it is never needed for correctness.

export interface Announcement {
  peerId: string;
  topic: string;
}

/**
 * The announcement a Nostr event carries, or null when it is none: trystero's announce (and its
 * ping) is `{"peerId": …}` alone — a passive peer's also says so — while offers, answers and
 * candidates carry more. Shared with the local relay, which counts the announcers of each room.
 */
export function announcementInEvent(event: unknown): Announcement | null {
  if (typeof event !== 'object' || event === null) return null;
  const signal = signalIn(event);
  if (!signal || !signal.fields.every((k) => k === 'peerId' || k === 'passive')) return null;
  const tags: unknown = Reflect.get(event, 'tags');
  const tag: unknown = Array.isArray(tags) ? tags.find((t: unknown) => Array.isArray(t) && t[0] === 'x') : undefined;
  const topic: unknown = Array.isArray(tag) ? tag[1] : undefined;
  return typeof topic === 'string' ? { peerId: signal.peerId, topic } : null;
}

/**
 * The sender of any trystero signal in one message from a relay — an announce, a ping, an offer,
 * an answer or a candidate — or null for anything else: each says its sender is in the room.
 */
export function signalSenderOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 65_536) return null;
  const message = parseJson(raw);
  // A relay sends ["EVENT", subscription id, event].
  if (!Array.isArray(message) || message[0] !== 'EVENT') return null;
  const signal = signalIn(message[2]);
  return signal && signal.fields.every((k) => SIGNAL_FIELDS.has(k)) ? signal.peerId : null;
}

/** trystero's signal fields (an announce or ping has the first two at most). */
const SIGNAL_FIELDS = new Set(['peerId', 'passive', 'offer', 'offerId', 'answer', 'candidate', 'peer', 'hasOutgoingOffer']);

/** The sender and field names of the JSON object a Nostr event's content holds, if it names a sender. */
function signalIn(event: unknown): { peerId: string; fields: string[] } | null {
  if (typeof event !== 'object' || event === null) return null;
  const content: unknown = Reflect.get(event, 'content');
  if (typeof content !== 'string') return null;
  const body = parseJson(content);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const peerId: unknown = Reflect.get(body, 'peerId');
  if (typeof peerId !== 'string' || peerId.length === 0 || peerId.length > 64) return null;
  return { peerId, fields: Object.keys(body) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface RoomAnnouncers {
  /** Looks for relay sockets not listened to yet (trystero opens a new one on reconnect). */
  watch(): void;
  /** Peers (trystero ids, ours excluded) heard announcing or signalling us since the last reset. */
  heard(): string[];
  /**
   * Whether any signal — our own announce or another tab's — has come from the relay since the
   * last reset: from then on we hear the room. On a busy machine that took seconds after the
   * socket opened.
   */
  hearing(): boolean;
  /** Forgets what was heard (a rejoin of the room starts over). */
  reset(): void;
  /** Forgets `peerId` (it left the room). */
  forget(peerId: string): void;
  close(): void;
}

export function createRoomAnnouncers(selfPeerId: string, sockets: () => Record<string, WebSocket>): RoomAnnouncers {
  const watched = new Set<WebSocket>();
  const senders = new Set<string>();
  let hearing = false;
  const onMessage = (event: MessageEvent): void => {
    const sender = signalSenderOf(event.data);
    if (sender === null) return;
    hearing = true;
    if (sender !== selfPeerId) senders.add(sender);
  };
  return {
    watch() {
      for (const socket of Object.values(sockets())) {
        if (watched.has(socket)) continue;
        watched.add(socket);
        socket.addEventListener('message', onMessage);
      }
    },
    heard: () => [...senders],
    hearing: () => hearing,
    reset() {
      senders.clear();
      hearing = false;
    },
    forget(peerId) {
      senders.delete(peerId);
    },
    close() {
      for (const socket of watched) socket.removeEventListener('message', onMessage);
      watched.clear();
      senders.clear();
    },
  };
}
