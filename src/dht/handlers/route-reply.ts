import { onRouteReply as handleReply } from '../routing.ts';
import type { Handler } from './handler.ts';

export const onRouteReply: Handler<'route_reply'> = (node, _from, message, now) =>
  handleReply(node, message.origin, message.lid, message.payload, now);
