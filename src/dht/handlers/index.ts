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
import { onSuccessorHint } from './successor-hint.ts';
import { onIntroduce } from './introduce.ts';
import { onStoreAck } from './store-ack.ts';
import { onStoreDigest } from './store-digest.ts';
import { onStoreFetch } from './store-fetch.ts';
import { onStoreNack } from './store-nack.ts';
import { onStorePull } from './store-pull.ts';
import { onStoreReplicate } from './store-replicate.ts';
import { onStoreSummaries } from './store-summaries.ts';
import { onStoreTransfer } from './store-transfer.ts';
import { onStoreValue } from './store-value.ts';

/** The handler map keyed by message type; the type checker keeps it exhaustive. */
export const handlers: { [T in MessageType]: Handler<T> } = {
  ping: onPing,
  pong: onPong,
  get_neighbors: onGetNeighbors,
  neighbors: onNeighbors,
  rectify: onRectify,
  successor_hint: onSuccessorHint,
  introduce: onIntroduce,
  leave: onLeave,
  route: onRoute,
  route_ack: onRouteAck,
  route_reply: onRouteReply,
  relay_signal: onRelaySignal,
  store_replicate: onStoreReplicate,
  store_ack: onStoreAck,
  store_nack: onStoreNack,
  store_fetch: onStoreFetch,
  store_value: onStoreValue,
  store_digest: onStoreDigest,
  store_summaries: onStoreSummaries,
  store_pull: onStorePull,
  store_transfer: onStoreTransfer,
};
