import type { Message } from '../../wire/messages.ts';
import type { NodeId } from '../../wire/ids.ts';
import type { NodeState } from '../node-state.ts';

/**
 * Answers to direct requests (pong, neighbors) resolve the request with the same rid — but only
 * when they come from the peer we asked: a forged or misdirected answer is dropped and counted.
 */
export function resolveRequest(node: NodeState, from: NodeId, message: Extract<Message, { rid: number }>, now: number): void {
  const request = node.requests.get(message.rid);
  if (!request || request.peer !== from) {
    if (request) {
      node.counters.dropped++;
      node.emit({ type: 'dropped', from, code: 'unexpected_reply', detail: `${message.type} rid ${message.rid}` });
    }
    return;
  }
  node.requests.delete(message.rid);
  if (node.links.has(from)) node.observeRtt(from, now - request.sentAt);
  request.onReply(message, now);
}
