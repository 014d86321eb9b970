import type { NodeId } from '../wire/ids.ts';

/**
 * Carries WebRTC negotiation (offers, answers, ICE candidates; opaque JSON text to everyone but the
 * WebRTC adapter) to one peer by id. Three implementations (DESIGN.md §5): the trystero room during
 * bootstrap, BroadcastChannel between tabs of one browser, and ring-relayed routing after the first
 * link, where the message is routed through the Chord ring to the node whose id is `to`.
 */
export interface SignalChannel {
  /** Sends `data` to `to`; false when this channel cannot reach `to` right now. */
  send(to: NodeId, data: string): boolean;
  /** Installs the receiver of signals addressed to us. */
  setHandler(handler: (from: NodeId, data: string) => void): void;
}
