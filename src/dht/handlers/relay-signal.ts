import type { Handler } from './handler.ts';

/** The last hop of ring-relayed signaling to us while we are still joining. */
export const onRelaySignal: Handler<'relay_signal'> = (node, _from, message) => {
  node.emit({ type: 'signal', from: message.from, data: message.data });
};
