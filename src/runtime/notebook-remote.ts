// NotebookRemote (src/notes/remote.ts) over the replicated store (DESIGN.md §6–7): a notebook
// document is a set record at H(publicKey ‖ salt) whose entries are the notes layer's signed,
// encrypted Yjs updates; replicas merge entries by union without reading them.
// The runtime may not import src/notes (dependency rules), so the interface is restated here;
// the notes layer's NotebookRemote is structurally the same and accepts this object as is.
import type { NodeId } from '../wire/ids.ts';
import type { SetEntry, SetRecord } from '../wire/records.ts';
import type { StoreRuntime } from './store-runtime.ts';

/** A notebook document's place in the DHT: the notebook's public key (base64url) and the document's salt. */
export interface RecordRef {
  readonly publicKey: string;
  readonly salt: string;
}

export interface NotebookRemote {
  /** Adds signed entries to the set record at `ref`; resolves with the replicas that persisted it (≥ W). */
  publish(ref: RecordRef, entries: readonly SetEntry[]): Promise<{ readonly replicas: number }>;
  /** The entries of the set record at `ref` ([] when no replica has it). */
  fetch(ref: RecordRef): Promise<readonly unknown[]>;
  /** Calls `onChange` when another node wrote the record at `ref` (a watch at its primary); returns the unsubscribe. */
  subscribe(ref: RecordRef, onChange: () => void): () => void;
}

/**
 * `self`: this tab's node id. When this tab is the only node that acknowledged (a ring of one),
 * the note is on no other device, and `replicas: 0` lets the app say "local only".
 */
export function createNotebookRemote(store: Pick<StoreRuntime, 'put' | 'get' | 'keyOf' | 'watch'>, self?: NodeId): NotebookRemote {
  return {
    async publish(ref, entries) {
      const record: SetRecord = { type: 'set', publicKey: ref.publicKey, salt: ref.salt, entries: [...entries], tombstones: [] };
      const { replicas } = await store.put(record);
      const onlyHere = replicas.length === 1 && replicas[0] === self;
      return { replicas: onlyHere ? 0 : replicas.length };
    },
    async fetch(ref) {
      const record = await store.get(await store.keyOf(ref.publicKey, ref.salt));
      return record?.type === 'set' ? record.entries : [];
    },
    subscribe(ref, onChange) {
      // The key id takes a hash (async); an unsubscribe that comes first must still win.
      let unwatch: (() => void) | undefined;
      let ended = false;
      void store.keyOf(ref.publicKey, ref.salt).then(
        (key) => {
          if (!ended) unwatch = store.watch(key, onChange);
        },
        () => undefined, // a malformed public key: fetch reports it; there is nothing to watch
      );
      return () => {
        ended = true;
        unwatch?.();
      };
    },
  };
}
