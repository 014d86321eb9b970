// Re-renders its host on every notebook event (content, sync status, refused entries);
// subscribes in hostConnected and unsubscribes in hostDisconnected (CONVENTIONS §14).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Notebook, NotebookEvent } from '../../notes/index.ts';

export class NotebookController implements ReactiveController {
  private notebook: Notebook | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent?: (event: NotebookEvent) => void,
  ) {
    host.addController(this);
  }

  get value(): Notebook | undefined {
    return this.notebook;
  }

  set(notebook: Notebook | undefined): void {
    if (notebook === this.notebook) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.notebook = notebook;
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
    if (!this.notebook || this.unsubscribe) return;
    this.unsubscribe = this.notebook.events.add((event) => {
      this.onEvent?.(event);
      this.host.requestUpdate();
    });
  }
}
