import { onFetch } from '../replicated-store/replica.ts';
import type { Handler } from './handler.ts';

/** A primary reading: answer with our copy of the key. */
export const onStoreFetch: Handler<'store_fetch'> = (node, from, message, now) => onFetch(node, from, message, now);
