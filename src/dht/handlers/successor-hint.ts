import { onSuccessorHint as handleHint } from '../maintenance.ts';
import type { Handler } from './handler.ts';

export const onSuccessorHint: Handler<'successor_hint'> = (node, _from, message, now) => handleHint(node, message.candidate, now);
