// The page behind test/e2e/net/*.e2e.ts: one node's network adapters, without the Chord core.
// Query: id=<40 hex> (NodeId), room=1 (join the trystero room), bc=1 (BroadcastChannel),
// relays=ws://… (relay-config.ts), unreachableMs=<ms>. Every discovered peer gets a connect()
// (both sides do it: perfect negotiation must yield one link); on link up each side sends one
// frame. The test reads `window.netState`.
import { createBroadcastSignaling } from '../../../src/net/broadcast-channel.ts';
import { relayUrlsForPage } from '../../../src/net/relay-config.ts';
import { createRoomBootstrap, type RoomStatus } from '../../../src/net/room-bootstrap.ts';
import { createSignalRouter } from '../../../src/net/signal-router.ts';
import { createWebRtcTransport } from '../../../src/net/webrtc-transport.ts';
import { asNodeId, type NodeId } from '../../../src/wire/ids.ts';

interface NetState {
  self: string;
  relayUrls: string[] | null;
  room: RoomStatus | null;
  roomPeers: string[];
  /** The ring size each room peer advertised (cp-ring). */
  roomRing: Record<string, number>;
  bcPeers: string[];
  links: string[];
  ups: string[];
  downs: string[];
  received: string[];
  statusLog: string[];
  /** Transport and room counters, refreshed twice a second (for diagnostics on failure). */
  counters: Record<string, number>;
  connecting: string[];
}

declare global {
  interface Window {
    netState: NetState;
    /** Leaves the room (room discipline: a node with a live successor leaves). */
    leaveRoom?: () => Promise<void>;
    /** Advertises a ring size to the room, as a ring member does. */
    setRingSize?: (size: number) => void;
  }
}

const params = new URLSearchParams(location.search);
const self: NodeId = asNodeId(params.get('id') ?? '');
const relayUrls = relayUrlsForPage();
const state: NetState = {
  self,
  relayUrls: relayUrls ?? null,
  room: null,
  roomPeers: [],
  roomRing: {},
  bcPeers: [],
  links: [],
  ups: [],
  downs: [],
  received: [],
  statusLog: [],
  counters: {},
  connecting: [],
};
window.netState = state;
const statusEl = document.getElementById('status');

const router = createSignalRouter();
const transport = createWebRtcTransport({ self, connectTimeoutMs: 20_000 })({
  signal: router,
  RTCPeerConnection: window.RTCPeerConnection, // the harness's loopback subclass
});
setInterval(() => {
  const t = transport.stats();
  state.counters = Object.fromEntries(Object.entries(t).filter(([, v]) => v !== 0));
  state.connecting = transport
    .describeLinks()
    .filter((l) => l.state === 'connecting')
    .map((l) => `${l.peer.slice(0, 2)}:${l.signalingState}/${l.iceGatheringState}/${l.iceConnectionState}/${l.connectionState}${l.polite ? '/polite' : ''}/cand${l.localCandidates}>${l.remoteCandidates}/${l.negotiation.join(',')}`);
}, 500);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
transport.setHandler({
  onLinkUp(peer) {
    state.ups.push(peer);
    state.links = transport.links();
    transport.send(peer, encoder.encode(`hello from ${self}`));
  },
  onLinkDown(peer, reason) {
    state.downs.push(`${peer}:${reason}`);
    state.links = transport.links();
  },
  onFrame(_peer, frame) {
    state.received.push(decoder.decode(frame));
  },
});

if (params.get('bc') === '1') {
  const bc = createBroadcastSignaling({ self, channelName: `e2e-${params.get('bcName') ?? 'net'}` });
  router.addRoute('broadcast', bc.signal, 0);
  bc.onPeer((peer, event) => {
    state.bcPeers = bc.peers();
    if (event === 'join') transport.connect(peer);
  });
}

if (params.get('room') === '1') {
  const room = createRoomBootstrap(
    {
      self,
      appId: 'chordpad-e2e',
      roomId: params.get('roomId') ?? 'net-e2e',
      relayUrls,
      rtcConfig: { iceServers: [] },
      unreachableAfterMs: Number(params.get('unreachableMs') ?? 5000),
      retryInitialMs: 500,
      retryMaxMs: 4000,
    },
    {
      rtcPolyfill: window.RTCPeerConnection,
      onStatus(s) {
        state.room = s;
        state.statusLog.push(s.state);
        if (statusEl) statusEl.textContent = `room: ${s.state}`;
      },
    },
  );
  router.addRoute('room', room.signal, 1);
  room.onPeer((peer, event) => {
    state.roomPeers = room.peers();
    state.roomRing = Object.fromEntries(room.peers().map((p) => [p, room.ringSize(p)]));
    if (event === 'join') transport.connect(peer);
  });
  room.join();
  window.leaveRoom = () => room.leave();
  window.setRingSize = (size) => room.setRingSize(size);
  setInterval(() => {
    const r = room.stats();
    Object.assign(state.counters, {
      'room.droppedMessages': r.droppedMessages,
      'room.signalsSent': r.signalsSent,
      'room.signalsReceived': r.signalsReceived,
      'room.sendFailures': r.sendFailures,
    });
  }, 500);
}
