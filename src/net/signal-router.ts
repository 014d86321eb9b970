// One SignalChannel over several routes (DESIGN.md §5): during bootstrap a peer is reachable through
// the trystero room or BroadcastChannel; after the first link, through the ring. The transport
// takes one SignalChannel; the runtime hands it a router and adds or removes routes as they come
// and go. Sending tries the routes in priority order until one accepts; every route's incoming
// signals reach the one handler.
import type { SignalChannel } from '../ports/signaling.ts';
import type { NodeId } from '../wire/ids.ts';

export interface SignalRouter extends SignalChannel {
  /** Adds a route; lower `priority` is tried first (ties: earlier added first). Returns a remover. */
  addRoute(name: string, channel: SignalChannel, priority?: number): () => void;
  /** Route names in the order they are tried. */
  routes(): string[];
}

interface Route {
  name: string;
  channel: SignalChannel;
  priority: number;
  order: number;
}

export function createSignalRouter(): SignalRouter {
  let routes: Route[] = [];
  let handler: (from: NodeId, data: string) => void = () => {};
  let added = 0;
  return {
    send(to, data) {
      for (const r of routes) if (r.channel.send(to, data)) return true;
      return false;
    },
    setHandler(h) {
      handler = h;
    },
    addRoute(name, channel, priority = 0) {
      const route: Route = { name, channel, priority, order: added++ };
      routes = [...routes, route].sort((a, b) => a.priority - b.priority || a.order - b.order);
      channel.setHandler((from, data) => handler(from, data));
      return () => {
        routes = routes.filter((r) => r !== route);
        channel.setHandler(() => {});
      };
    },
    routes() {
      return routes.map((r) => r.name);
    },
  };
}
