// Re-renders its host whenever the node view reports a change (CONVENTIONS §14): subscribes in
// hostConnected, unsubscribes in hostDisconnected, and follows a node view that appears later.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { NodeView, NodeViewEvent } from '../node-view.ts';

export class NodeController implements ReactiveController {
  private node: NodeView | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent?: (event: NodeViewEvent) => void,
  ) {
    host.addController(this);
  }

  get view(): NodeView | undefined {
    return this.node;
  }

  /** Points the controller at another node view (or none). */
  set(node: NodeView | undefined): void {
    if (node === this.node) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.node = node;
    if (this.connected) this.listen();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.listen();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private listen(): void {
    if (!this.node || this.unsubscribe) return;
    this.unsubscribe = this.node.subscribe((event) => {
      this.onEvent?.(event);
      this.host.requestUpdate();
    });
  }
}
