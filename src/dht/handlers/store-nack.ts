import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

/** A replica refused what we sent, with a typed code (resolves the store_replicate request). */
export const onStoreNack: Handler<'store_nack'> = (node, from, message, now) => resolveRequest(node, from, message, now);
