import type { Handler } from './handler.ts';

/** Stabilize probe: answer with our predecessor and successor list. */
export const onGetNeighbors: Handler<'get_neighbors'> = (node, from, message, now) => {
  node.sendTo(from, { type: 'neighbors', rid: message.rid, predecessor: node.predecessor, successors: [...node.successors] }, now);
};
