import type { Handler } from './handler.ts';
import { resolveRequest } from './reply.ts';

export const onPong: Handler<'pong'> = (node, from, message, now) => resolveRequest(node, from, message, now);
