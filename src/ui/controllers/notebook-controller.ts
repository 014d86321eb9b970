// Re-renders its host on every notebook event (content, sync status, refused entries).

import type { ReactiveControllerHost } from 'lit';
import type { Notebook, NotebookEvent } from '../../notes/index.ts';
import { SubscriptionController } from './subscription-controller.ts';

export class NotebookController extends SubscriptionController<Notebook, NotebookEvent> {
  constructor(host: ReactiveControllerHost, onEvent?: (event: NotebookEvent) => void) {
    super(host, (notebook, listener) => notebook.events.add(listener), onEvent);
  }

  get value(): Notebook | undefined {
    return this.current;
  }
}
