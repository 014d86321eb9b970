import { onIntroduced } from '../ring-merge.ts';
import type { Handler } from './handler.ts';

export const onIntroduce: Handler<'introduce'> = (node, from, message, now) => onIntroduced(node, from, message.candidate, now);
