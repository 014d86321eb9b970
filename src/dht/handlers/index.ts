import type { MessageType } from '../../wire/messages.ts';
import { onGetNeighbors } from './get-neighbors.ts';
import type { Handler } from './handler.ts';
import { onLeave } from './leave.ts';
import { onNeighbors } from './neighbors.ts';
import { onPing } from './ping.ts';
import { onPong } from './pong.ts';
import { onRectify } from './rectify.ts';
import { onRelaySignal } from './relay-signal.ts';
import { onRoute } from './route.ts';
import { onRouteAck } from './route-ack.ts';
import { onRouteReply } from './route-reply.ts';

/** The handler map keyed by message type; the type checker keeps it exhaustive. */
export const handlers: { [T in MessageType]: Handler<T> } = {
  ping: onPing,
  pong: onPong,
  get_neighbors: onGetNeighbors,
  neighbors: onNeighbors,
  rectify: onRectify,
  leave: onLeave,
  route: onRoute,
  route_ack: onRouteAck,
  route_reply: onRouteReply,
  relay_signal: onRelaySignal,
};
