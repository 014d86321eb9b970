import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

/** A replica's copy, answering our store_fetch. */
export const onStoreValue: Handler<'store_value'> = (node, from, message, now) => resolveRequest(node, from, message, now);
