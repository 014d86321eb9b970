import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

/** A neighbour's summaries, answering our store_digest. */
export const onStoreSummaries: Handler<'store_summaries'> = (node, from, message, now) => resolveRequest(node, from, message, now);
