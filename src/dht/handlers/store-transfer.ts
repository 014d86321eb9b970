import { onTransfer } from '../replicated-store/transfer.ts';
import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

/** Records from a neighbour; the last frame of an answer to our store_pull resolves that request. */
export const onStoreTransfer: Handler<'store_transfer'> = (node, from, message, now) => {
  if (onTransfer(node, from, message, now) && message.rid !== 0) resolveRequest(node, from, message, now);
};
