// What the UI needs to know about this tab's DHT node, for the status bar, the ring view and the
// stats panel. The lead's runtime implements it over the Chord core's typed events (CONVENTIONS
// §13); until it does, the app has no NodeView and says "not connected" (never fake data).

/** Ring ids as 40-digit lowercase hex (src/wire/ids.ts RingId); kept as strings for the views. */
export type HexId = string;

export type NodeStatus = 'joining' | 'online' | 'offline';

/** A half-open key range (from, to] this node stores (as primary or replica). */
export interface KeyRange {
  readonly from: HexId;
  readonly to: HexId;
  /** True when this node is the primary owner, false when it holds a replica. */
  readonly primary: boolean;
}

export interface LookupView {
  readonly key: HexId;
  /** Node ids the lookup visited, starting with this node, ending with the owner. */
  readonly path: readonly HexId[];
  readonly hops: number;
  /** Increases with every lookup reported, so the view can tell a repeat of the same path apart. */
  readonly seq?: number;
}

export interface ReplicationHealth {
  /** Records this node holds that have the full replication factor R of live replicas. */
  readonly healthy: number;
  /** Records with fewer than R known live replicas (being repaired). */
  readonly underReplicated: number;
}

export interface NodeState {
  readonly selfId: HexId;
  readonly predecessor: HexId | undefined;
  readonly successors: readonly HexId[];
  /** Distinct finger targets (node ids), closest first. */
  readonly fingers: readonly HexId[];
  /** Open WebRTC links right now. */
  readonly links: number;
  /** This node's estimate of the ring size N. */
  readonly estimatedN: number;
  readonly storedRanges: readonly KeyRange[];
  /** Records stored in this tab's slot. */
  readonly records: number;
  /** Most recent lookups, newest first (the view draws a handful). */
  readonly recentLookups: readonly LookupView[];
  /** hopsHistogram[h] = lookups that took h hops. */
  readonly hopsHistogram: readonly number[];
  readonly replication: ReplicationHealth;
  readonly status: NodeStatus;
}

export type NodeViewEvent =
  | { readonly type: 'changed' }
  | { readonly type: 'lookup'; readonly lookup: LookupView };

export interface NodeView extends NodeState {
  /** Calls `listener` after the node's state changed; returns the unsubscribe function. */
  subscribe(listener: (event: NodeViewEvent) => void): () => void;
}
