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

/**
 * What a bootstrap channel (the trystero room, BroadcastChannel) reports about a peer: it appeared,
 * it left, or it told us a new ring size (see `ringSize` of each channel).
 */
export type PeerEvent = 'join' | 'leave' | 'ring';

/** The largest ring size a peer may claim; a bigger or fractional number is not ours. */
export const MAX_ADVERTISED_RING = 2 ** 31;

/** Whether `value` is a ring size a peer may advertise (0: on no ring yet). */
export function isAdvertisedRing(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_ADVERTISED_RING;
}
