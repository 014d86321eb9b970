import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

/** A replica persisted what we sent (resolves the store_replicate request). */
export const onStoreAck: Handler<'store_ack'> = (node, from, message, now) => resolveRequest(node, from, message, now);
