// One WebRTC link to one peer: an RTCPeerConnection, its single reliable ordered data channel,
// perfect negotiation, framing and a bounded send queue. The transport (webrtc-transport.ts) owns
// the map of links, the link cap, heartbeats and what the node is told.
//
// Perfect negotiation (W3C webrtc-pc §10.7, "Perfect negotiation example"): both sides may offer at
// once; the polite side (the lower node id, DESIGN.md §5) rolls back its own offer, the impolite one
// ignores the colliding offer. For the first offer we go one step further: only the impolite side
// makes it (the polite side sends an 'invite'), because a rollback during ICE gathering left
// Chromium connections with no candidates at all (6 tabs in one room: about one pair in three runs). The channel is `negotiated` with a fixed id, so both sides create it
// up front and no `datachannel` event has to be matched to a link.
import { encodeSignal, type NegotiationSignal } from './negotiation-signal.ts';
import { Reassembler, controlFrame, encodeMessage, type FrameKind, type FrameResult } from './frame-codec.ts';
import { SendQueue } from './send-queue.ts';

/**
 * Candidates that arrive before the description they belong to (ring-relayed signals can take
 * different paths and overtake each other) wait here; a handful per connection is normal.
 */
const MAX_EARLY_CANDIDATES = 64;

/** The fixed SCTP stream id of our one data channel (negotiated out of band: both sides know it). */
const CHANNEL_ID = 0;
const CHANNEL_LABEL = 'chordpad';

export type LinkState = 'connecting' | 'open' | 'lingering' | 'closed';

export interface LinkOptions {
  polite: boolean;
  /** Our session id for this RTCPeerConnection, sent with every signal. */
  sid: string;
  frameBytes: number;
  maxMessageBytes: number;
  maxQueuedBytes: number;
  rtcConfig: RTCConfiguration;
}

/** What a link tells its transport. All calls come from browser event callbacks. */
export interface LinkEvents {
  /** The data channel opened. */
  opened(): void;
  /** The channel or connection ended without a local close(): `bye` says the peer said goodbye. */
  ended(cause: 'bye' | 'failed'): void;
  /** A control frame or a whole message arrived. */
  frame(result: FrameResult, bytes: number): void;
  /** A negotiation message to deliver to the peer; false when no route reaches it. */
  signal(data: string): boolean;
  /** A frame was handed to the channel. */
  sent(bytes: number): void;
  /** A negotiation step failed locally (bad remote SDP, closed connection). */
  negotiationError(error: unknown): void;
}

export class WebRtcLink {
  state: LinkState = 'connecting';
  /** The peer's session id, learnt from its first signal. */
  remoteSid: string | undefined;
  readonly pc: RTCPeerConnection;
  readonly createdAt: number;
  lastSentAt: number;
  lastReceivedAt: number;
  private readonly channel: RTCDataChannel;
  private readonly reassembler: Reassembler;
  private readonly queue: SendQueue;
  /** ICE candidates we sent / the peer's we applied (diagnostics: a link stuck with none). */
  localCandidates = 0;
  remoteCandidates = 0;
  /** Descriptions sent and applied, as 'offer>' / '<answer' etc. (diagnostics). */
  readonly negotiationLog: string[] = [];
  private earlyCandidates: RTCIceCandidateInit[] = [];
  private makingOffer = false;
  private ignoreOffer = false;
  /** Negotiation steps are async; running them one at a time keeps the state machine sane. */
  private steps: Promise<void> = Promise.resolve();

  constructor(
    Rtc: typeof RTCPeerConnection,
    private readonly options: LinkOptions,
    private readonly events: LinkEvents,
    now: number,
  ) {
    this.createdAt = now;
    this.lastSentAt = now;
    this.lastReceivedAt = now;
    this.reassembler = new Reassembler(options.maxMessageBytes);
    this.pc = new Rtc(options.rtcConfig);
    this.channel = this.pc.createDataChannel(CHANNEL_LABEL, { negotiated: true, id: CHANNEL_ID, ordered: true });
    this.channel.binaryType = 'arraybuffer';
    this.queue = new SendQueue(this.channel, options.maxQueuedBytes, (bytes) => events.sent(bytes));
    this.wire();
  }

  get sid(): string {
    return this.options.sid;
  }

  /** Bytes waiting in our queue (not yet handed to the channel). */
  get queuedBytes(): number {
    return this.queue.bytes;
  }

  private wire(): void {
    const { pc, channel, events } = this;
    pc.onnegotiationneeded = () => {
      // The polite side never makes the first offer (see 'invite' in negotiation-signal.ts); it
      // answers the impolite side's. Later renegotiations follow perfect negotiation as usual.
      if (this.options.polite && !pc.remoteDescription) return;
      this.step(async () => {
        this.makingOffer = true;
        try {
          await pc.setLocalDescription();
          this.sendDescription();
        } finally {
          this.makingOffer = false;
        }
      });
    };
    pc.onicecandidate = ({ candidate }) => {
      // A null candidate marks the end of gathering; the peer needs no message for it.
      if (!candidate || this.state === 'closed') return;
      this.localCandidates++;
      events.signal(
        encodeSignal({
          v: 1,
          t: 'cand',
          sid: this.sid,
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        }),
      );
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') this.end('failed');
    };
    channel.onopen = () => {
      if (this.state !== 'connecting') return;
      this.state = 'open';
      events.opened();
    };
    channel.onclose = () => this.end('failed');
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const data: unknown = event.data;
      if (this.state === 'closed') return;
      if (!(data instanceof ArrayBuffer)) {
        events.frame({ kind: 'drop', code: 'malformed' }, 0);
        return;
      }
      const frame = new Uint8Array(data);
      events.frame(this.reassembler.push(frame), frame.byteLength);
    };
    channel.bufferedAmountLowThreshold = SendQueue.LOW_WATER_BYTES;
    channel.onbufferedamountlow = () => this.queue.drain();
  }

  private sendDescription(): void {
    const description = this.pc.localDescription;
    if (!description || (description.type !== 'offer' && description.type !== 'answer')) return;
    this.negotiationLog.push(`${description.type}>`);
    this.events.signal(encodeSignal({ v: 1, t: 'desc', sid: this.sid, type: description.type, sdp: description.sdp }));
  }

  private step(run: () => Promise<void>): void {
    this.steps = this.steps.then(run).catch((error: unknown) => {
      if (this.state !== 'closed') this.events.negotiationError(error);
    });
  }

  /** Applies one negotiation message from the peer (already matched to this link's session). */
  handleSignal(signal: NegotiationSignal): void {
    if (this.state === 'closed') return;
    const { pc, options } = this;
    if (signal.t === 'desc') {
      this.step(async () => {
        const offerCollision = signal.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
        this.ignoreOffer = !options.polite && offerCollision;
        if (this.ignoreOffer) {
          this.negotiationLog.push(`<${signal.type}(ignored)`);
          return;
        }
        this.negotiationLog.push(`<${signal.type}`);
        // The polite side's setRemoteDescription rolls back its own offer implicitly.
        await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
        await this.applyEarlyCandidates();
        if (signal.type === 'offer') {
          await pc.setLocalDescription();
          this.sendDescription();
        }
      });
    } else if (signal.t === 'cand') {
      this.step(async () => {
        const candidate: RTCIceCandidateInit = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex };
        if (!pc.remoteDescription) {
          if (this.earlyCandidates.length < MAX_EARLY_CANDIDATES) this.earlyCandidates.push(candidate);
          return;
        }
        try {
          await pc.addIceCandidate(candidate);
          this.remoteCandidates++;
        } catch (error) {
          // Candidates of an offer we ignored fail by design; others are real errors.
          if (!this.ignoreOffer) throw error;
        }
      });
    }
  }

  private async applyEarlyCandidates(): Promise<void> {
    const early = this.earlyCandidates;
    this.earlyCandidates = [];
    for (const candidate of early) {
      try {
        await this.pc.addIceCandidate(candidate);
        this.remoteCandidates++;
      } catch (error) {
        // One bad candidate must not stop the others; the transport counts it.
        this.events.negotiationError(error);
      }
    }
  }

  /** Queues one message; 'full' when the bounded queue cannot take it (nothing is queued then). */
  send(message: Uint8Array, now: number): 'ok' | 'full' {
    const frames = encodeMessage(message, this.options.frameBytes);
    if (!this.queue.push(frames)) return 'full';
    this.lastSentAt = now;
    return 'ok';
  }

  /** Queues a control frame; control frames are tiny and ignore the queue bound. */
  sendControl(kind: typeof FrameKind.PING | typeof FrameKind.BYE | typeof FrameKind.REOPEN, now: number): void {
    this.queue.push([controlFrame(kind)], true);
    this.lastSentAt = now;
  }

  private end(cause: 'bye' | 'failed'): void {
    if (this.state === 'closed') return;
    this.events.ended(cause);
  }

  /** Releases the connection. Idempotent; no events follow. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.queue.clear();
    this.channel.onopen = null;
    this.channel.onclose = null;
    this.channel.onmessage = null;
    this.channel.onbufferedamountlow = null;
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    try {
      this.channel.close();
      this.pc.close();
    } catch {
      // Closing an already-failed connection may throw in some browsers; it is closed either way.
    }
  }
}
