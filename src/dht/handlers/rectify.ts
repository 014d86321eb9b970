import { rectify } from '../maintenance.ts';
import type { Handler } from './handler.ts';

export const onRectify: Handler<'rectify'> = (node, from, _message, now) => rectify(node, from, now);
