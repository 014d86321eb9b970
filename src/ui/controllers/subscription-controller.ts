// Re-renders its host whenever a source reports an event (CONVENTIONS §14): subscribes in
// hostConnected, unsubscribes in hostDisconnected, and follows a source that is set later.
// NodeController and NotebookController are this with their source's subscribe function.

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SubscriptionController<S, E> implements ReactiveController {
  private source: S | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly subscribe: (source: S, listener: (event: E) => void) => () => void,
    private readonly onEvent?: (event: E) => void,
  ) {
    host.addController(this);
  }

  protected get current(): S | undefined {
    return this.source;
  }

  /** Points the controller at another source (or none). */
  set(source: S | undefined): void {
    if (source === this.source) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = source;
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
    if (!this.source || this.unsubscribe) return;
    this.unsubscribe = this.subscribe(this.source, (event) => {
      this.onEvent?.(event);
      this.host.requestUpdate();
    });
  }
}
