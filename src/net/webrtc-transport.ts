// The WebRTC Transport (DESIGN.md §3, §5; CONVENTIONS.md 9): the adapter that owns every browser
// quirk so the Chord core sees only links and whole frames. One RTCPeerConnection and one reliable
// ordered data channel per peer; negotiation travels through an injected SignalChannel (the room or
// BroadcastChannel during bootstrap, the ring afterwards — pass a router, see signal-router.ts).
//
// Link lifecycle per peer:
//   connect() / incoming offer → connecting ──channel open──→ open ──disconnect()/BYE──→ lingering
//   lingering ──connect() or REOPEN──→ open (same RTCPeerConnection, no new ICE/DTLS)
//   lingering ──lingerMs──→ closed;  connecting ──connectTimeoutMs / reject──→ closed ('refused')
//   open ──heartbeat timeout / ICE failed / channel closed──→ closed ('failed')
// Lingering exists because Chromium counts closed connections against its 500 per page for a
// long time (ENVIRONMENT.md): a ring that drops and re-adds a finger must not burn a connection.
import type { Clock } from '../ports/clock.ts';
import { silentLogger, type Logger } from '../ports/logger.ts';
import type { SignalChannel } from '../ports/signaling.ts';
import type { LinkDownReason, Transport, TransportHandler } from '../ports/transport.ts';
import { shortId, type NodeId } from '../wire/ids.ts';
import { DEFAULT_FRAME_BYTES, FrameKind, type FrameResult } from './frame-codec.ts';
import { encodeSignal, parseSignal, type NegotiationSignal } from './negotiation-signal.ts';
import { WebRtcLink } from './webrtc-link.ts';
import { createStats, type WebRtcTransportStats } from './webrtc-stats.ts';

export type { WebRtcTransportStats } from './webrtc-stats.ts';

export interface WebRtcTransportInit {
  /** Our node id; also decides politeness (the lower id is polite). */
  self: NodeId;
  /**
   * Hard cap on RTCPeerConnections held at once (connecting + open + lingering). Over the cap a
   * lingering link is evicted first; otherwise connect() is refused and incoming offers rejected.
   * DESIGN §3's budget is 2·log2 N + r + bootstrap, far below Chromium's 500 per page.
   * @default 64
   */
  maxLinks?: number;
  /** Send a PING when we have sent nothing on an open link for this long (ms). @default 5000 */
  heartbeatMs?: number;
  /**
   * Declare an open link failed when nothing arrived for this long (ms). Hidden tabs throttle
   * timers to once a second (and harder after minutes), so keep it several heartbeats long.
   * @default 20000
   */
  heartbeatTimeoutMs?: number;
  /** A connect() that has no open channel after this long ends as 'refused' (ms). @default 15000 */
  connectTimeoutMs?: number;
  /** How long a disconnected link keeps its RTCPeerConnection for reuse (ms). @default 10000 */
  lingerMs?: number;
  /** Largest data-channel message we send, in bytes (16 KiB interoperates everywhere). @default 16384 */
  frameBytes?: number;
  /** Largest reassembled message accepted or sent, in bytes; bigger ones are dropped and counted. @default 1048576 */
  maxMessageBytes?: number;
  /** Bytes one link may queue ahead of its channel; send() returns false beyond it. @default 16777216 */
  maxQueuedBytes?: number;
  /** ICE servers for every connection; tests pass [] to stay on loopback. @default [] */
  iceServers?: RTCIceServer[];
}

export interface WebRtcTransportDeps {
  /** Carries offers, answers and candidates to a peer by id; may be a router over several routes. */
  signal: SignalChannel;
  /** The constructor to use; tests pass a subclass that keeps traffic on 127.0.0.1. */
  RTCPeerConnection: typeof RTCPeerConnection;
  /** Monotonic milliseconds. @default performance.now */
  clock?: Clock;
  logger?: Logger;
  /** Random session ids for connections. @default crypto.getRandomValues */
  randomId?: () => string;
}

export interface WebRtcTransport extends Transport {
  stats(): WebRtcTransportStats;
  /** Every connection held, with its browser-side states (diagnostics and the status readout). */
  describeLinks(): LinkDescription[];
}

export interface LinkDescription {
  peer: NodeId;
  state: 'connecting' | 'open' | 'lingering' | 'closed';
  signalingState: RTCSignalingState;
  iceConnectionState: RTCIceConnectionState;
  iceGatheringState: RTCIceGatheringState;
  connectionState: RTCPeerConnectionState;
  polite: boolean;
  ageMs: number;
  localCandidates: number;
  remoteCandidates: number;
  /** Descriptions sent ('offer>') and received ('<answer', '<offer(ignored)'), in order. */
  negotiation: string[];
}

const DEFAULTS = {
  maxLinks: 64,
  heartbeatMs: 5_000,
  heartbeatTimeoutMs: 20_000,
  connectTimeoutMs: 15_000,
  lingerMs: 10_000,
  frameBytes: DEFAULT_FRAME_BYTES,
  maxMessageBytes: 1024 * 1024,
  maxQueuedBytes: 16 * 1024 * 1024,
} as const;
/** The smallest frame that still carries a FIRST header and one byte of payload. */
const MIN_FRAME_BYTES = 64;
/** After close() sends BYE, give the channel this long to flush before the connection goes (ms). */
const CLOSE_FLUSH_MS = 200;

function defaultRandomId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

type QueuedEvent =
  | { type: 'up'; peer: NodeId }
  | { type: 'down'; peer: NodeId; reason: LinkDownReason }
  | { type: 'frame'; peer: NodeId; frame: Uint8Array };

export function createWebRtcTransport(init: WebRtcTransportInit) {
  return (deps: WebRtcTransportDeps): WebRtcTransport => new WebRtcTransportImpl(init, deps);
}

interface Entry {
  link: WebRtcLink;
  /** Connect timeout while connecting; linger timeout while lingering. */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** We called connect(): if the link never opens, the node is owed onLinkDown('refused'). */
  owed: boolean;
}

class WebRtcTransportImpl implements WebRtcTransport {
  readonly self: NodeId;
  private readonly opts: Required<Omit<WebRtcTransportInit, 'self' | 'iceServers'>> & { iceServers: RTCIceServer[] };
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly randomId: () => string;
  private readonly entries = new Map<NodeId, Entry>();
  private readonly counters = createStats();
  private handler: TransportHandler | undefined;
  private pending: QueuedEvent[] = [];
  private closed = false;
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    init: WebRtcTransportInit,
    private readonly deps: WebRtcTransportDeps,
  ) {
    this.self = init.self;
    this.opts = {
      maxLinks: init.maxLinks ?? DEFAULTS.maxLinks,
      heartbeatMs: init.heartbeatMs ?? DEFAULTS.heartbeatMs,
      heartbeatTimeoutMs: init.heartbeatTimeoutMs ?? DEFAULTS.heartbeatTimeoutMs,
      connectTimeoutMs: init.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      lingerMs: init.lingerMs ?? DEFAULTS.lingerMs,
      frameBytes: Math.max(MIN_FRAME_BYTES, init.frameBytes ?? DEFAULTS.frameBytes),
      maxMessageBytes: init.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
      maxQueuedBytes: init.maxQueuedBytes ?? DEFAULTS.maxQueuedBytes,
      iceServers: init.iceServers ?? [],
    };
    this.clock = deps.clock ?? { now: () => performance.now() };
    this.log = deps.logger ?? silentLogger;
    this.randomId = deps.randomId ?? defaultRandomId;
    deps.signal.setHandler((from, data) => this.onSignal(from, data));
    // Half the heartbeat period, so a PING goes out at most 1.5 periods after the last frame.
    this.heartbeat = setInterval(() => this.checkLiveness(), Math.max(50, this.opts.heartbeatMs / 2));
  }

  // ── Transport ────────────────────────────────────────────────────────────

  setHandler(handler: TransportHandler): void {
    this.handler = handler;
    const queued = this.pending;
    this.pending = [];
    for (const e of queued) this.deliver(e);
  }

  connect(peer: NodeId): void {
    if (this.closed) return;
    if (peer === this.self) {
      this.later({ type: 'down', peer, reason: 'refused' });
      return;
    }
    const existing = this.entries.get(peer);
    if (existing) {
      const { link } = existing;
      if (link.state === 'lingering') this.reopen(peer, existing);
      return; // connecting or open: idempotent
    }
    if (!this.makeRoom()) {
      this.counters.refusedAtCap++;
      this.later({ type: 'down', peer, reason: 'refused' });
      return;
    }
    const sid = this.randomId();
    if (this.self < peer) {
      // Polite: ask the peer to offer (see 'invite' in negotiation-signal.ts). The invite goes out
      // before the RTCPeerConnection exists, so an unreachable peer costs no connection.
      this.counters.signalsOut++;
      if (!this.deps.signal.send(peer, encodeSignal({ v: 1, t: 'invite', sid }))) {
        this.counters.signalsUnroutable++;
        this.later({ type: 'down', peer, reason: 'refused' });
        return;
      }
    }
    const entry = this.newEntry(peer, undefined, true, sid);
    if (this.self < peer) entry.link.negotiationLog.push('invite>');
    this.armConnectTimer(peer, entry);
  }

  disconnect(peer: NodeId): void {
    const entry = this.entries.get(peer);
    if (!entry || this.closed) return;
    const { link } = entry;
    if (link.state === 'open') {
      link.sendControl(FrameKind.BYE, this.clock.now());
      this.linger(peer, entry);
      this.emit({ type: 'down', peer, reason: 'closed' });
    } else if (link.state === 'connecting') {
      this.drop(peer, entry);
      this.emit({ type: 'down', peer, reason: 'closed' });
    }
  }

  send(peer: NodeId, frame: Uint8Array): boolean {
    const entry = this.entries.get(peer);
    if (!entry || entry.link.state !== 'open') return false;
    if (frame.byteLength > this.opts.maxMessageBytes) {
      this.counters.droppedOversizeOut++;
      return false;
    }
    if (entry.link.send(frame, this.clock.now()) === 'full') {
      this.counters.droppedQueueFull++;
      return false;
    }
    this.counters.messagesOut++;
    return true;
  }

  links(): NodeId[] {
    const open: NodeId[] = [];
    for (const [peer, { link }] of this.entries) if (link.state === 'open') open.push(peer);
    return open;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.deps.signal.setHandler(() => {});
    for (const [peer, entry] of [...this.entries]) {
      const { link } = entry;
      const wasLive = link.state === 'open' || link.state === 'connecting';
      if (link.state === 'open') link.sendControl(FrameKind.BYE, this.clock.now());
      clearTimeout(entry.timer);
      this.entries.delete(peer);
      // Let the BYE leave before the connection goes, so the peer reports 'closed', not 'failed'.
      link.state = 'lingering';
      setTimeout(() => link.close(), CLOSE_FLUSH_MS);
      if (wasLive) this.emit({ type: 'down', peer, reason: 'closed' });
    }
  }

  stats(): WebRtcTransportStats {
    let lingering = 0;
    let connecting = 0;
    let queuedBytes = 0;
    for (const { link } of this.entries.values()) {
      if (link.state === 'lingering') lingering++;
      if (link.state === 'connecting') connecting++;
      queuedBytes += link.queuedBytes;
    }
    return { ...this.counters, openLinks: this.links().length, connecting, lingering, queuedBytes };
  }

  describeLinks(): LinkDescription[] {
    const now = this.clock.now();
    return [...this.entries].map(([peer, { link }]) => ({
      peer,
      state: link.state,
      signalingState: link.pc.signalingState,
      iceConnectionState: link.pc.iceConnectionState,
      iceGatheringState: link.pc.iceGatheringState,
      connectionState: link.pc.connectionState,
      polite: this.self < peer,
      ageMs: Math.round(now - link.createdAt),
      localCandidates: link.localCandidates,
      remoteCandidates: link.remoteCandidates,
      negotiation: [...link.negotiationLog],
    }));
  }

  // ── links ────────────────────────────────────────────────────────────────

  private newEntry(peer: NodeId, remoteSid: string | undefined, owed: boolean, sid = this.randomId()): Entry {
    // The callbacks run in later tasks, after `entry` is assigned.
    const link: WebRtcLink = new WebRtcLink(
      this.deps.RTCPeerConnection,
      {
        polite: this.self < peer,
        sid,
        frameBytes: this.opts.frameBytes,
        maxMessageBytes: this.opts.maxMessageBytes,
        maxQueuedBytes: this.opts.maxQueuedBytes,
        rtcConfig: { iceServers: this.opts.iceServers },
      },
      {
        opened: () => this.onOpened(peer, entry),
        ended: (cause) => this.onEnded(peer, entry, cause),
        frame: (result, bytes) => this.onFrame(peer, entry, result, bytes),
        signal: (data) => {
          this.counters.signalsOut++;
          const routed = this.deps.signal.send(peer, data);
          if (!routed) {
            this.counters.signalsUnroutable++;
            // No route to the peer while connecting: the connect cannot succeed; say so now.
            const current = this.entries.get(peer);
            if (current && current.link === link && link.state === 'connecting') {
              this.drop(peer, current);
              if (current.owed) this.emit({ type: 'down', peer, reason: 'refused' });
            }
          }
          return routed;
        },
        sent: (bytes) => {
          this.counters.framesOut++;
          this.counters.bytesOut += bytes;
        },
        negotiationError: (error) => {
          this.counters.negotiationErrors++;
          this.log.debug('webrtc negotiation step failed', { peer: shortId(peer), error: String(error) });
        },
      },
      this.clock.now(),
    );
    const entry: Entry = { link, timer: undefined, owed };
    link.remoteSid = remoteSid;
    this.entries.set(peer, entry);
    this.counters.peerConnectionsCreated++;
    return entry;
  }

  private armConnectTimer(peer: NodeId, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(peer) !== entry || entry.link.state !== 'connecting') return;
      this.counters.connectTimeouts++;
      this.drop(peer, entry);
      if (entry.owed) this.emit({ type: 'down', peer, reason: 'refused' });
    }, this.opts.connectTimeoutMs);
  }

  /** Frees a slot under the cap, evicting the oldest lingering link if needed. */
  private makeRoom(): boolean {
    if (this.entries.size < this.opts.maxLinks) return true;
    let oldest: [NodeId, Entry] | undefined;
    for (const pair of this.entries) {
      if (pair[1].link.state !== 'lingering') continue;
      if (!oldest || pair[1].link.lastSentAt < oldest[1].link.lastSentAt) oldest = pair;
    }
    if (!oldest) return false;
    this.drop(oldest[0], oldest[1]);
    return true;
  }

  private reopen(peer: NodeId, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.link.state = 'open';
    entry.link.lastReceivedAt = this.clock.now();
    entry.link.sendControl(FrameKind.REOPEN, this.clock.now());
    this.counters.linksReused++;
    this.later({ type: 'up', peer });
  }

  private linger(peer: NodeId, entry: Entry): void {
    entry.link.state = 'lingering';
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(peer) === entry && entry.link.state === 'lingering') this.drop(peer, entry);
    }, this.opts.lingerMs);
  }

  /** Forgets a link and releases its connection, with no event. */
  private drop(peer: NodeId, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (this.entries.get(peer) === entry) this.entries.delete(peer);
    entry.link.close();
  }

  private onOpened(peer: NodeId, entry: Entry): void {
    if (this.entries.get(peer) !== entry) return;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.link.lastReceivedAt = this.clock.now();
    entry.owed = false;
    this.emit({ type: 'up', peer });
  }

  private onEnded(peer: NodeId, entry: Entry, cause: 'bye' | 'failed'): void {
    if (this.entries.get(peer) !== entry) {
      entry.link.close();
      return;
    }
    const state = entry.link.state;
    this.drop(peer, entry);
    if (state === 'open') {
      if (cause === 'failed') this.counters.linkFailures++;
      this.emit({ type: 'down', peer, reason: cause === 'bye' ? 'closed' : 'failed' });
    } else if (state === 'connecting' && entry.owed) {
      this.emit({ type: 'down', peer, reason: 'refused' });
    }
  }

  private onFrame(peer: NodeId, entry: Entry, result: FrameResult, bytes: number): void {
    if (this.entries.get(peer) !== entry) return;
    const { link } = entry;
    this.counters.framesIn++;
    this.counters.bytesIn += bytes;
    link.lastReceivedAt = this.clock.now();
    switch (result.kind) {
      case 'partial':
        return;
      case 'drop':
        if (result.code === 'oversize') this.counters.droppedOversizeIn++;
        else this.counters.droppedMalformed++;
        return;
      case 'control':
        if (result.control === 'bye' && link.state === 'open') {
          this.linger(peer, entry);
          this.emit({ type: 'down', peer, reason: 'closed' });
        } else if (result.control === 'reopen' && link.state === 'lingering') {
          this.reopen(peer, entry);
        }
        return;
      case 'message':
        // Frames on a lingering link were sent before the peer saw our BYE: the node was told
        // the link is down, so they are dropped (and counted), as on any closed link.
        if (link.state !== 'open') {
          this.counters.droppedAfterClose++;
          return;
        }
        this.counters.messagesIn++;
        this.emit({ type: 'frame', peer, frame: result.message });
    }
  }

  private checkLiveness(): void {
    const now = this.clock.now();
    for (const [peer, entry] of [...this.entries]) {
      const { link } = entry;
      if (link.state !== 'open') continue;
      if (now - link.lastReceivedAt >= this.opts.heartbeatTimeoutMs) {
        this.counters.heartbeatTimeouts++;
        this.counters.linkFailures++;
        this.drop(peer, entry);
        this.emit({ type: 'down', peer, reason: 'failed' });
      } else if (now - link.lastSentAt >= this.opts.heartbeatMs) {
        link.sendControl(FrameKind.PING, now);
      }
    }
  }

  // ── signaling ────────────────────────────────────────────────────────────

  private onSignal(from: NodeId, data: string): void {
    if (this.closed) return;
    this.counters.signalsIn++;
    const signal = parseSignal(data);
    // Invites come only from the polite side, the lower id; anything else is not our protocol.
    if (!signal || from === this.self || (signal.t === 'invite' && !(from < this.self))) {
      this.counters.droppedSignals++;
      return;
    }
    let entry = this.entries.get(from);
    if (signal.t === 'reject') {
      // A rejecting peer holds no connection for us, so its sid names nothing: match by peer.
      if (entry?.link.state === 'connecting') {
        this.drop(from, entry);
        this.counters.refusedByPeer++;
        if (entry.owed) this.emit({ type: 'down', peer: from, reason: 'refused' });
      }
      return;
    }
    if (entry && entry.link.remoteSid === undefined) entry.link.remoteSid = signal.sid;
    const startsSession = (signal.t === 'desc' && signal.type === 'offer') || signal.t === 'invite';
    if (entry && entry.link.remoteSid !== signal.sid) {
      // A new session from the peer: only an offer or invite starts one (the peer reloaded, or its
      // old connection to us is gone). Anything else belongs to a connection that no longer exists.
      if (!startsSession) {
        this.counters.staleSignals++;
        return;
      }
      const old = entry;
      const wasOpen = old.link.state === 'open';
      const owedConnect = old.owed && old.link.state === 'connecting';
      this.drop(from, old);
      if (wasOpen) {
        this.counters.linkFailures++;
        this.emit({ type: 'down', peer: from, reason: 'failed' });
      }
      entry = this.accept(from, signal);
      if (entry) entry.owed = owedConnect;
      else if (owedConnect) this.emit({ type: 'down', peer: from, reason: 'refused' });
      return;
    }
    if (!entry) {
      if (startsSession) this.accept(from, signal);
      else this.counters.staleSignals++;
      return;
    }
    if (signal.t === 'invite') return; // our own offer to this peer is already on its way
    entry.link.handleSignal(signal);
  }

  /**
   * An offer or invite from a peer we hold no connection for: take it if under the cap, else
   * reject. For an invite, creating the link makes us offer (negotiationneeded).
   */
  private accept(from: NodeId, offer: NegotiationSignal): Entry | undefined {
    if (!this.makeRoom()) {
      this.counters.rejectedAtCap++;
      this.deps.signal.send(from, encodeSignal({ v: 1, t: 'reject', sid: this.randomId() }));
      return undefined;
    }
    const entry = this.newEntry(from, offer.sid, false);
    // An accepted link that never opens must not hold a slot forever.
    this.armConnectTimer(from, entry);
    if (offer.t === 'invite') entry.link.negotiationLog.push('<invite');
    else entry.link.handleSignal(offer);
    return entry;
  }

  // ── events ───────────────────────────────────────────────────────────────

  /** Delivers an event from a later task, so connect() never calls back into its caller. */
  private later(event: QueuedEvent): void {
    setTimeout(() => this.emit(event), 0);
  }

  private emit(event: QueuedEvent): void {
    if (!this.handler) {
      this.pending.push(event);
      return;
    }
    this.deliver(event);
  }

  private deliver(event: QueuedEvent): void {
    const h = this.handler;
    if (!h) return;
    try {
      if (event.type === 'up') h.onLinkUp(event.peer);
      else if (event.type === 'down') h.onLinkDown(event.peer, event.reason);
      else h.onFrame(event.peer, event.frame);
    } catch (error) {
      // A throwing handler is a bug in the node, but it must not break the link's event loop.
      this.counters.handlerErrors++;
      this.log.warn('transport handler threw', { error: String(error) });
    }
  }
}
