import { onPull } from '../replicated-store/transfer.ts';
import type { Handler } from './handler.ts';

/** A neighbour asks for keys or a range (join handoff, anti-entropy): answer with store_transfer frames. */
export const onStorePull: Handler<'store_pull'> = (node, from, message, now) => onPull(node, from, message, now);
