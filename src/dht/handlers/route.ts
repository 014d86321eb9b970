import { processRoute } from '../routing.ts';
import type { Handler } from './handler.ts';

export const onRoute: Handler<'route'> = (node, from, message, now) => processRoute(node, message, from, now);
