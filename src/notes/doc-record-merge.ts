// Merging two views of one document's cached entries (two tabs of one browser writing the same
// cache): union by entry id, minus every entry some snapshot in the union supersedes. Pending ids
// are kept only for entries that remain. Commutative and idempotent in entries and pending, like
// the replicas' set-record merge.

import type { DocRecord } from './cache.ts';
import type { EncryptedEntry } from './entry.ts';

export function mergeDocRecords(stored: DocRecord, mine: DocRecord): DocRecord {
  const byId = new Map<string, EncryptedEntry>();
  for (const e of [...stored.entries, ...mine.entries]) byId.set(e.id, e);
  const superseded = new Set<string>();
  for (const e of byId.values()) for (const id of e.supersedes) superseded.add(id);
  const entries = [...byId.values()].filter((e) => !superseded.has(e.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const live = new Set(entries.map((e) => e.id));
  const pending = [...new Set([...stored.pending, ...mine.pending])].filter((id) => live.has(id)).sort();
  return { entries, pending, replicas: mine.replicas };
}
