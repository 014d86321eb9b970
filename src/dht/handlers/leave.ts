import { onLeave as handleLeave } from '../maintenance.ts';
import type { Handler } from './handler.ts';

export const onLeave: Handler<'leave'> = (node, from, message, now) => handleLeave(node, from, message, now);
