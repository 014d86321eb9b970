import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

export const onNeighbors: Handler<'neighbors'> = (node, from, message, now) => resolveRequest(node, from, message, now);
