import { onReplicate } from '../replicated-store/replica.ts';
import type { Handler } from './handler.ts';

/** A primary's copy of a record for us as a replica (write fan-out, re-replication, read repair). */
export const onStoreReplicate: Handler<'store_replicate'> = (node, from, message, now) => onReplicate(node, from, message, now);
