import type { Handler } from './handler.ts';

export const onPing: Handler<'ping'> = (node, from, message, now) => {
  node.sendTo(from, { type: 'pong', rid: message.rid }, now);
};
