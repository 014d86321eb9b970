// Re-renders its host whenever the node view reports a change, and follows a node view that
// appears later (the ring connects after the app has rendered).

import type { ReactiveControllerHost } from 'lit';
import type { NodeView, NodeViewEvent } from '../node-view.ts';
import { SubscriptionController } from './subscription-controller.ts';

export class NodeController extends SubscriptionController<NodeView, NodeViewEvent> {
  constructor(host: ReactiveControllerHost, onEvent?: (event: NodeViewEvent) => void) {
    super(host, (node, listener) => node.subscribe(listener), onEvent);
  }

  get view(): NodeView | undefined {
    return this.current;
  }
}
