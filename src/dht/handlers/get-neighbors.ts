import type { MessageOf } from '../../wire/messages.ts';
import type { Handler } from './handler.ts';

/** Stabilize probe: answer with our predecessor and successor list, and our fingers when they go by rank. */
export const onGetNeighbors: Handler<'get_neighbors'> = (node, from, message, now) => {
  const answer: MessageOf<'neighbors'> = { type: 'neighbors', rid: message.rid, predecessor: node.predecessor, successors: [...node.successors] };
  const fingers = node.rankFingers();
  if (fingers.length > 0) answer.fingers = fingers;
  node.sendTo(from, answer, now);
};
