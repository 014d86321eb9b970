import { rememberVia } from '../routing.ts';
import type { Handler } from './handler.ts';

/**
 * The last hop of ring-relayed signaling to us (we are joining, or on another ring): answers to
 * its origin go back through the node that relayed it, which can reach the origin.
 */
export const onRelaySignal: Handler<'relay_signal'> = (node, from, message, now) => {
  if (from !== message.from && !node.isLive(message.from)) rememberVia(node, message.from, from, now);
  node.emit({ type: 'signal', from: message.from, data: message.data });
};
