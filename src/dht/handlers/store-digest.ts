import { onDigest } from '../replicated-store/anti-entropy.ts';
import type { Handler } from './handler.ts';

/** Anti-entropy from a neighbour: answer with our summaries of the sub-ranges that differ. */
export const onStoreDigest: Handler<'store_digest'> = (node, from, message, now) => onDigest(node, from, message, now);
