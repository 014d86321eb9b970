import { onRouteAck as handleAck } from '../routing.ts';
import type { Handler } from './handler.ts';

export const onRouteAck: Handler<'route_ack'> = (node, from, message, now) =>
  handleAck(node, from, message.origin, message.lid, now);
