// One SignalChannel over several routes (DESIGN.md §5): during bootstrap a peer is reachable through
// the trystero room or BroadcastChannel; after the first link, through the ring. The transport
// takes one SignalChannel; the runtime hands it a router and adds or removes routes as they come
// and go. Sending tries the routes in priority order until one accepts; every route's incoming
// signals reach the one handler.
//
// An answer goes back the way the peer's last signal came: a peer that reached us through the
// ring has left the room (or never was in ours), while our room may still list it for a while —
// trystero notices a departed peer only when its connection closes — and a signal sent into that
// room is lost without an error. Two tabs then retried a link for minutes, each attempt's offer
// vanishing into a stale room entry (bench:mesh, 16 tabs).
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

/** Peers whose last route is remembered (the oldest is forgotten first). */
const MAX_REMEMBERED_PEERS = 512;

export function createSignalRouter(): SignalRouter {
  let routes: Route[] = [];
  let handler: (from: NodeId, data: string) => void = () => {};
  let added = 0;
  /** The route each peer's latest signal arrived on. */
  const lastRoute = new Map<NodeId, Route>();
  const heardOn = (from: NodeId, route: Route): void => {
    lastRoute.delete(from); // re-insert: the map's order is the age order for the cap
    lastRoute.set(from, route);
    if (lastRoute.size > MAX_REMEMBERED_PEERS) {
      const oldest = lastRoute.keys().next().value;
      if (oldest !== undefined) lastRoute.delete(oldest);
    }
  };
  return {
    send(to, data) {
      const last = lastRoute.get(to);
      if (last && routes.includes(last) && last.channel.send(to, data)) return true;
      for (const r of routes) if (r !== last && r.channel.send(to, data)) return true;
      return false;
    },
    setHandler(h) {
      handler = h;
    },
    addRoute(name, channel, priority = 0) {
      const route: Route = { name, channel, priority, order: added++ };
      routes = [...routes, route].sort((a, b) => a.priority - b.priority || a.order - b.order);
      channel.setHandler((from, data) => {
        heardOn(from, route);
        handler(from, data);
      });
      return () => {
        routes = routes.filter((r) => r !== route);
        for (const [peer, r] of lastRoute) if (r === route) lastRoute.delete(peer);
        channel.setHandler(() => {});
      };
    },
    routes() {
      return routes.map((r) => r.name);
    },
  };
}
