import type { NodeId } from '../wire/ids.ts';

/**
 * Why a link went down. `closed`: the peer or we closed it on purpose; `failed`: the connection
 * broke (ICE failure, heartbeat timeout, simulated crash); `refused`: connect() never succeeded.
 */
export type LinkDownReason = 'closed' | 'failed' | 'refused';

/** What a transport reports to the node that owns it. */
export interface TransportHandler {
  /** A link to `peer` is open and `send` will deliver frames to it. */
  onLinkUp(peer: NodeId): void;
  /** The link to `peer` is gone (or a connect() to it gave up). */
  onLinkDown(peer: NodeId, reason: LinkDownReason): void;
  /** One whole frame from `peer` (already reassembled; never larger than the codec's maximum). */
  onFrame(peer: NodeId, frame: Uint8Array): void;
}

/**
 * Point-to-point, reliable, ordered links between ring members (DESIGN.md §3, §5).
 * Implemented by the simulated network, BroadcastChannel and WebRTC; all pass the one contract
 * suite in test/contract/transport-contract.ts.
 */
export interface Transport {
  /** Our own id on this transport. */
  readonly self: NodeId;
  /** Installs the handler; events before this call are not lost but delivered on install. */
  setHandler(handler: TransportHandler): void;
  /** Opens a link to `peer` if there is none; idempotent. Ends in onLinkUp or onLinkDown('refused'). */
  connect(peer: NodeId): void;
  /** Closes the link to `peer` if any; ends in onLinkDown('closed'). */
  disconnect(peer: NodeId): void;
  /** Sends one frame; returns false (and sends nothing) when there is no open link to `peer`. */
  send(peer: NodeId, frame: Uint8Array): boolean;
  /** Peers with an open link right now. */
  links(): NodeId[];
  /** Closes every link and releases resources; later calls are no-ops. */
  close(): void;
}
