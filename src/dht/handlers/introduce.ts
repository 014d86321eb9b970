import { placePeer } from '../ring-merge.ts';
import type { Handler } from './handler.ts';

export const onIntroduce: Handler<'introduce'> = (node, _from, message, now) => placePeer(node, message.candidate, now);
