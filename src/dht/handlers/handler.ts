import type { NodeId } from '../../wire/ids.ts';
import type { MessageOf, MessageType } from '../../wire/messages.ts';
import type { NodeState } from '../node-state.ts';

/** One handler per message type (CONVENTIONS.md §12), registered in handlers/index.ts. */
export type Handler<T extends MessageType> = (node: NodeState, from: NodeId, message: MessageOf<T>, now: number) => void;
