// A ready NodeView the runtime feeds: it holds the latest topology and storage figures, keeps the
// recent lookups and the hops histogram, and notifies subscribers. The runtime calls
// setTopology() after each batch of core effects (with the core's NodeSnapshot, which has the
// same field names), addLookup() on each `lookup_done` event, setStorage() when the store
// changes, and setStatus() on join / isolation; the UI only reads.

import type { HexId, KeyRange, LookupView, NodeState, NodeStatus, NodeView, NodeViewEvent, ReplicationHealth, StoredKey } from './node-view.ts';

/** Lookups the ring view can draw (it shows the newest few) and the stats list. */
export const RECENT_LOOKUPS = 16;

/** The fields of the core's NodeSnapshot (src/dht/node.ts) this view uses; structural, no import. */
export interface TopologyInput {
  readonly self: HexId;
  readonly joined: boolean;
  readonly predecessor: HexId | null;
  readonly successors: readonly HexId[];
  readonly fingers: readonly HexId[];
  readonly links: readonly HexId[];
  readonly estimatedSize: number;
}

/** The fields of the runtime's BrowserNodeStatus (src/runtime/browser-node.ts) this view uses. */
export interface BrowserStatusInput extends Omit<TopologyInput, 'joined'> {
  readonly phase: 'discovering' | 'joining' | 'online' | 'stopped';
}

export interface StorageInput {
  readonly storedRanges: readonly KeyRange[];
  readonly storedKeys: readonly StoredKey[];
  readonly records: number;
  readonly replication: ReplicationHealth;
}

/**
 * The exact ring size when this node's successor list goes all the way round (it reaches the
 * predecessor, or itself): a ring smaller than the list. Otherwise undefined, and the core's
 * estimate from successor spacing stands (on a ring of 4 it can say 7).
 */
export function ringSize(t: Pick<TopologyInput, 'self' | 'predecessor' | 'successors'>): number | undefined {
  const round = t.successors.findIndex((s) => s === t.predecessor || s === t.self);
  if (round === -1) return undefined;
  return t.successors[round] === t.self ? round + 1 : round + 2;
}

export class NodeViewModel implements NodeView {
  private state: NodeState;
  private readonly listeners = new Set<(event: NodeViewEvent) => void>();
  private lookupSeq = 0;

  constructor(selfId: HexId) {
    this.state = {
      selfId,
      predecessor: undefined,
      successors: [],
      fingers: [],
      links: 0,
      estimatedN: 1,
      storedRanges: [],
      storedKeys: [],
      records: 0,
      recentLookups: [],
      hopsHistogram: [],
      replication: { healthy: 0, underReplicated: 0, replicaCopies: 0, replicas: 0, liveReplicas: 0 },
      status: 'joining',
    };
  }

  get selfId(): HexId {
    return this.state.selfId;
  }
  get predecessor(): HexId | undefined {
    return this.state.predecessor;
  }
  get successors(): readonly HexId[] {
    return this.state.successors;
  }
  get fingers(): readonly HexId[] {
    return this.state.fingers;
  }
  get links(): number {
    return this.state.links;
  }
  get estimatedN(): number {
    return this.state.estimatedN;
  }
  get storedRanges(): readonly KeyRange[] {
    return this.state.storedRanges;
  }
  get storedKeys(): readonly StoredKey[] {
    return this.state.storedKeys;
  }
  get records(): number {
    return this.state.records;
  }
  get recentLookups(): readonly LookupView[] {
    return this.state.recentLookups;
  }
  get hopsHistogram(): readonly number[] {
    return this.state.hopsHistogram;
  }
  get replication(): ReplicationHealth {
    return this.state.replication;
  }
  get status(): NodeStatus {
    return this.state.status;
  }

  subscribe(listener: (event: NodeViewEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setTopology(t: TopologyInput): void {
    this.state = {
      ...this.state,
      selfId: t.self,
      predecessor: t.predecessor ?? undefined,
      successors: [...t.successors],
      fingers: [...new Set(t.fingers)],
      links: t.links.length,
      estimatedN: ringSize(t) ?? t.estimatedSize,
      status: this.state.status === 'offline' ? 'offline' : t.joined ? 'online' : 'joining',
    };
    this.emit({ type: 'changed' });
  }

  /** Everything from one runtime status report: `node.onStatus((s) => view.setBrowserStatus(s))`. */
  setBrowserStatus(s: BrowserStatusInput): void {
    const status: NodeStatus = s.phase === 'online' ? 'online' : s.phase === 'stopped' ? 'offline' : 'joining';
    this.state = { ...this.state, status };
    this.setTopology({ ...s, joined: s.phase === 'online' });
  }

  setStatus(status: NodeStatus): void {
    if (status === this.state.status) return;
    this.state = { ...this.state, status };
    this.emit({ type: 'changed' });
  }

  setStorage(s: StorageInput): void {
    this.state = { ...this.state, storedRanges: [...s.storedRanges], storedKeys: [...s.storedKeys], records: s.records, replication: s.replication };
    this.emit({ type: 'changed' });
  }

  /** Records a finished lookup (the core's `lookup_done`: target, path, hops, purpose). */
  addLookup(l: { readonly target: HexId; readonly path: readonly HexId[]; readonly hops: number; readonly purpose?: LookupView['purpose'] }): void {
    const lookup: LookupView = { key: l.target, path: [...l.path], hops: l.hops, seq: ++this.lookupSeq, ...(l.purpose ? { purpose: l.purpose } : {}) };
    const hist = [...this.state.hopsHistogram];
    while (hist.length <= l.hops) hist.push(0);
    hist[l.hops] = (hist[l.hops] ?? 0) + 1;
    this.state = { ...this.state, recentLookups: [lookup, ...this.state.recentLookups].slice(0, RECENT_LOOKUPS), hopsHistogram: hist };
    this.emit({ type: 'lookup', lookup });
  }

  private emit(event: NodeViewEvent): void {
    for (const fn of [...this.listeners]) fn(event);
  }
}
