// What the UI needs to know about this tab's DHT node, for the status bar, the ring view and the
// stats panel. ring-connection.ts feeds it from the tab's node (CONVENTIONS §13); a tab whose node
// could not start has no NodeView and says "not connected" (never fake data).

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

/** One key this node stores, placed on the ring picture. */
export interface StoredKey {
  readonly key: HexId;
  /** True when this node is the key's primary (the key is in (predecessor, self]). */
  readonly primary: boolean;
}

export interface LookupView {
  readonly key: HexId;
  /** Node ids the lookup visited, starting with this node, ending with the owner. */
  readonly path: readonly HexId[];
  readonly hops: number;
  /** Why the node looked the key up: a person's request, or ring maintenance (joining, fingers, merging rings). */
  readonly purpose?: 'user' | 'join' | 'finger' | 'merge';
  /** Increases with every lookup reported, so the view can tell a repeat of the same path apart. */
  readonly seq?: number;
}

export interface ReplicationHealth {
  /** Records this node is primary for whose replica set (this node + R−1 linked successors) is complete. */
  readonly healthy: number;
  /** Records this node is primary for with fewer than R live replicas in its view (a small ring, a lost successor). */
  readonly underReplicated: number;
  /** Records held as a copy for one of the R−1 nodes before this one (their primary judges them). */
  readonly replicaCopies: number;
  /** The replication factor R. */
  readonly replicas: number;
  /** Live copies of this node's own range it can see: itself plus linked successors, at most R. */
  readonly liveReplicas: number;
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
  /** The keys stored in this tab's slot (drawn as ticks on the ring). */
  readonly storedKeys: readonly StoredKey[];
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
