// Counters of the WebRTC transport, exposed for the status readout, tests and the mesh benchmark.
// Every drop of remote input is counted here (CONVENTIONS.md 11: never vanish silently).

export interface WebRtcCounters {
  /** Data-channel messages received / handed to the channel (frames, including control frames). */
  framesIn: number;
  framesOut: number;
  /** Bytes of those frames. */
  bytesIn: number;
  bytesOut: number;
  /** Whole messages delivered to the node / accepted by send(). */
  messagesIn: number;
  messagesOut: number;
  /** Received frames that broke the framing (unknown kind, bad length, text frames). */
  droppedMalformed: number;
  /** Received messages over maxMessageBytes. */
  droppedOversizeIn: number;
  /** send() calls refused because the message was over maxMessageBytes. */
  droppedOversizeOut: number;
  /** send() calls refused because the link's queue was full. */
  droppedQueueFull: number;
  /** Messages that arrived on a link after it was reported down (BYE crossed them). */
  droppedAfterClose: number;
  /** Negotiation messages handed to the SignalChannel / received from it. */
  signalsOut: number;
  signalsIn: number;
  /** The SignalChannel could not reach the peer (send returned false): that signal was lost. */
  signalsUnroutable: number;
  /** Signals that did not parse, or came from ourselves. */
  droppedSignals: number;
  /** Signals for a connection that no longer exists. */
  staleSignals: number;
  negotiationErrors: number;
  /** Open links that went down on their own (ICE failure, channel closed, heartbeat timeout). */
  linkFailures: number;
  heartbeatTimeouts: number;
  connectTimeouts: number;
  /** connect() refused locally because the cap was reached with nothing to evict. */
  refusedAtCap: number;
  /** Incoming offers rejected because the cap was reached. */
  rejectedAtCap: number;
  /** Our connects the peer rejected. */
  refusedByPeer: number;
  /** RTCPeerConnections created since start (what Chromium's per-page limit counts). */
  peerConnectionsCreated: number;
  /** Lingering links brought back instead of creating a new connection. */
  linksReused: number;
  handlerErrors: number;
}

export interface WebRtcTransportStats extends WebRtcCounters {
  openLinks: number;
  connecting: number;
  lingering: number;
  /** Bytes waiting in our send queues. */
  queuedBytes: number;
}

export function createStats(): WebRtcCounters {
  return {
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    messagesIn: 0,
    messagesOut: 0,
    droppedMalformed: 0,
    droppedOversizeIn: 0,
    droppedOversizeOut: 0,
    droppedQueueFull: 0,
    droppedAfterClose: 0,
    signalsOut: 0,
    signalsIn: 0,
    signalsUnroutable: 0,
    droppedSignals: 0,
    staleSignals: 0,
    negotiationErrors: 0,
    linkFailures: 0,
    heartbeatTimeouts: 0,
    connectTimeouts: 0,
    refusedAtCap: 0,
    rejectedAtCap: 0,
    refusedByPeer: 0,
    peerConnectionsCreated: 0,
    linksReused: 0,
    handlerErrors: 0,
  };
}
