// Tabs of one browser find each other and exchange WebRTC signals with no server at all
// (DESIGN.md §5), over a BroadcastChannel (same origin, same browser profile). Discovery is a
// tiny protocol: a new tab says `hello`, every tab that hears it answers `here`; a closing tab
// says `bye`. `hello` and `here` carry the ring size the sender estimates (0: on no ring yet), and
// `ring` tells a change of it, so a newcomer joins through a member (runtime/bootstrap-step.ts).
// Signals are broadcast with a `to` field and ignored by every other tab.
// Remote input (another tab may run another version of the app): every message is checked field
// by field; anything else is dropped and counted.
import { isAdvertisedRing, type PeerEvent, type SignalChannel } from '../ports/signaling.ts';
import { asNodeId, isRingId, type NodeId } from '../wire/ids.ts';

/** Version of the messages on the channel; other versions are ignored (counted as foreign). */
const BROADCAST_VERSION = 1;
/** Signals are SDP-sized; a much larger message is not ours. In characters. */
const MAX_DATA_CHARS = 128 * 1024;

type BroadcastMessage =
  | { v: 1; type: 'hello' | 'here' | 'ring'; from: NodeId; ring: number }
  | { v: 1; type: 'bye'; from: NodeId }
  | { v: 1; type: 'signal'; from: NodeId; to: NodeId; data: string };

export interface BroadcastSignalingInit {
  /** Our node id, as other tabs will know us. */
  self: NodeId;
  /** Channel name: tabs that should meet share it (e.g. per app and protocol version). @default 'chordpad-signal-v1' */
  channelName?: string;
}

export interface BroadcastSignalingDeps {
  /** @default globalThis.BroadcastChannel */
  BroadcastChannel?: typeof BroadcastChannel;
}

export interface BroadcastSignaling {
  /** Signals to tabs of this browser; send() is false for ids no tab has announced. */
  readonly signal: SignalChannel;
  /** Node ids of the other tabs we know of. */
  peers(): NodeId[];
  /** Called when a tab appears, says goodbye or tells a new ring size. Returns an unsubscribe function. */
  onPeer(listener: (peer: NodeId, event: PeerEvent) => void): () => void;
  /** The ring size `peer` last told (0: on no ring, or unknown). */
  ringSize(peer: NodeId): number;
  /** Tells every tab our ring size (0: on no ring); sent again only when it changes. */
  setRingSize(size: number): void;
  /** Asks every tab to say who it is (also done once at creation). */
  announce(): void;
  stats(): { received: number; dropped: number; peers: number };
  /** Says goodbye and closes the channel. */
  close(): void;
}

function field(o: object, key: string): unknown {
  const value: unknown = Object.prototype.hasOwnProperty.call(o, key) ? Reflect.get(o, key) : undefined;
  return value;
}

function parse(raw: unknown): BroadcastMessage | undefined {
  if (typeof raw !== 'object' || raw === null || field(raw, 'v') !== BROADCAST_VERSION) return undefined;
  const type = field(raw, 'type');
  const from = field(raw, 'from');
  if (!isRingId(from)) return undefined;
  const sender = asNodeId(from);
  if (type === 'bye') return { v: 1, type, from: sender };
  if (type === 'hello' || type === 'here' || type === 'ring') {
    // A tab of an older version sends no size: it counts as on no ring.
    const ring = field(raw, 'ring') ?? 0;
    return isAdvertisedRing(ring) ? { v: 1, type, from: sender, ring } : undefined;
  }
  if (type !== 'signal') return undefined;
  const to = field(raw, 'to');
  const data = field(raw, 'data');
  if (!isRingId(to) || typeof data !== 'string' || data.length > MAX_DATA_CHARS) return undefined;
  return { v: 1, type, from: sender, to: asNodeId(to), data };
}

export function createBroadcastSignaling(init: BroadcastSignalingInit, deps: BroadcastSignalingDeps = {}): BroadcastSignaling {
  const Channel = deps.BroadcastChannel ?? globalThis.BroadcastChannel;
  const channel = new Channel(init.channelName ?? 'chordpad-signal-v1');
  const { self } = init;
  /** Tabs we know, with the ring size each last told. */
  const known = new Map<NodeId, number>();
  const listeners = new Set<(peer: NodeId, event: PeerEvent) => void>();
  let ringSize = 0;
  let handler: (from: NodeId, data: string) => void = () => {};
  let received = 0;
  let dropped = 0;
  let closed = false;

  const post = (message: BroadcastMessage): void => {
    if (!closed) channel.postMessage(message);
  };
  const notify = (peer: NodeId, event: PeerEvent): void => {
    for (const l of listeners) l(peer, event);
  };
  const learn = (peer: NodeId, ring?: number): void => {
    if (peer === self) return;
    const before = known.get(peer);
    if (before === undefined) {
      known.set(peer, ring ?? 0);
      notify(peer, 'join');
    } else if (ring !== undefined && ring !== before) {
      known.set(peer, ring);
      notify(peer, 'ring');
    }
  };

  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = parse(event.data);
    if (!message || message.from === self) {
      dropped++;
      return;
    }
    received++;
    switch (message.type) {
      case 'hello':
        learn(message.from, message.ring);
        post({ v: 1, type: 'here', from: self, ring: ringSize });
        return;
      case 'here':
      case 'ring':
        learn(message.from, message.ring);
        return;
      case 'bye':
        if (known.delete(message.from)) notify(message.from, 'leave');
        return;
      case 'signal':
        if (message.to !== self) return;
        // A signal proves the sender is alive even if we missed its hello.
        learn(message.from);
        handler(message.from, message.data);
    }
  };

  const api: BroadcastSignaling = {
    signal: {
      send(to, data) {
        if (closed || !known.has(to)) return false;
        post({ v: 1, type: 'signal', from: self, to, data });
        return true;
      },
      setHandler(h) {
        handler = h;
      },
    },
    peers: () => [...known.keys()],
    ringSize: (peer) => known.get(peer) ?? 0,
    setRingSize(size) {
      if (!isAdvertisedRing(size) || size === ringSize) return;
      ringSize = size;
      post({ v: 1, type: 'ring', from: self, ring: size });
    },
    onPeer(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce() {
      post({ v: 1, type: 'hello', from: self, ring: ringSize });
    },
    stats: () => ({ received, dropped, peers: known.size }),
    close() {
      if (closed) return;
      post({ v: 1, type: 'bye', from: self });
      closed = true;
      channel.close();
      known.clear();
      listeners.clear();
    },
  };
  api.announce();
  return api;
}
