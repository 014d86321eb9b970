// An in-page signaling hub for tests: every transport of the page registers its id and gets a
// SignalChannel; messages are delivered in a later task, in order, like a real route.
import type { SignalChannel } from '../../../src/ports/signaling.ts';
import type { NodeId } from '../../../src/wire/ids.ts';

export class InPageSignalHub {
  private readonly handlers = new Map<NodeId, (from: NodeId, data: string) => void>();
  /** Signals delivered so far (tests may check that negotiation happened at all). */
  delivered = 0;

  channel(self: NodeId): SignalChannel {
    return {
      send: (to, data) => {
        if (!this.handlers.has(to)) return false;
        setTimeout(() => {
          this.delivered++;
          this.handlers.get(to)?.(self, data);
        }, 0);
        return true;
      },
      setHandler: (handler) => {
        this.handlers.set(self, handler);
      },
    };
  }

  remove(id: NodeId): void {
    this.handlers.delete(id);
  }
}
