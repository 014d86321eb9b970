// NotebookRemote over the store's set records (DESIGN.md §6): each document of a notebook is the
// set record at H(publicKey ‖ salt) whose entries are our EncryptedEntries (they ARE SetEntries).
// The runtime supplies the three record operations; this turns them into what the notes layer
// needs, in canonical form (entries sorted by id, superseded ones dropped, tombstones sorted and
// capped like the store's merge).

import type { SetRecord } from '../wire/records.ts';
import type { EncryptedEntry } from './entry.ts';
import type { NotebookRemote, PublishResult, RecordRef } from './remote.ts';

/** Most tombstones a set record keeps (src/wire/records.ts MAX_TOMBSTONES): the largest ids. */
const MAX_TOMBSTONES = 512;

/** What the runtime provides over the DHT (replicated put with quorum, read with fallback). */
export interface SetRecordStore {
  /** Merges `record` into the replicas of its key; resolves with how many acknowledged (0 = none). */
  put(record: SetRecord): Promise<number>;
  /** The record at H(publicKey ‖ salt) as the replicas hold it, or undefined when there is none. */
  get(publicKey: string, salt: string): Promise<SetRecord | undefined>;
  /** Calls `onChange` when the record may have changed; returns the unsubscribe. */
  watch?(publicKey: string, salt: string, onChange: () => void): () => void;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical set record holding `entries` (what a replica would store after merging them). */
export function setRecordOf(ref: RecordRef, entries: readonly EncryptedEntry[]): SetRecord {
  const dead = new Set<string>();
  for (const e of entries) for (const id of e.supersedes) dead.add(id);
  const byId = new Map<string, EncryptedEntry>();
  for (const e of entries) if (!dead.has(e.id)) byId.set(e.id, e);
  return {
    type: 'set',
    publicKey: ref.publicKey,
    salt: ref.salt,
    entries: [...byId.values()].sort((a, b) => byString(a.id, b.id)).map((e) => ({ ...e, supersedes: [...e.supersedes] })),
    tombstones: [...dead].sort(byString).slice(-MAX_TOMBSTONES),
  };
}

export function setRecordRemote(store: SetRecordStore): NotebookRemote {
  const remote: NotebookRemote = {
    async publish(ref, entries): Promise<PublishResult> {
      return { replicas: await store.put(setRecordOf(ref, entries)) };
    },
    async fetch(ref) {
      return (await store.get(ref.publicKey, ref.salt))?.entries ?? [];
    },
  };
  const watch = store.watch?.bind(store);
  if (watch) remote.subscribe = (ref, onChange) => watch(ref.publicKey, ref.salt, onChange);
  return remote;
}
