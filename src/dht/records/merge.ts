// The record merge rule (DESIGN.md §6): a join, so replicas that see the same writes in any order,
// any number of times, end with the same record. Commutative, associative and idempotent over
// canonical records (test/unit/records/merge-laws.test.ts checks the laws on seeded random input).
//
// - Two records under different (public key, salt), or of different types, never merge in
//   practice (checkIncoming refuses them as `wrong_key`); the function still picks the larger by a
//   fixed total order so that it is total and the laws hold everywhere.
// - Mutable: higher seq wins (BEP 44). Equal seq with different content: the larger
//   (value, sig) string wins, a deterministic tie-break every replica computes alike.
// - Set: union of entries by id; every id named in any entry's `supersedes` or in either record's
//   tombstones is a tombstone and its entry is dropped; tombstones are capped at MAX_TOMBSTONES by
//   keeping the largest ids (see MAX_TOMBSTONES for what the cap gives up).
import type { MutableRecord, SetEntry, SetRecord, StoredRecord } from '../../wire/records.ts';
import { MAX_TOMBSTONES } from '../../wire/records.ts';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical JSON of a record: fixed field order, so equal records give equal strings. */
export function canonicalJson(record: StoredRecord): string {
  if (record.type === 'mutable') {
    const { publicKey, salt, seq, value, sig } = record;
    return JSON.stringify({ type: 'mutable', publicKey, salt, seq, value, sig });
  }
  return JSON.stringify({
    type: 'set',
    publicKey: record.publicKey,
    salt: record.salt,
    entries: record.entries.map(({ id, data, supersedes, sig }) => ({ id, data, supersedes, sig })),
    tombstones: record.tombstones,
  });
}

export function recordsEqual(a: StoredRecord, b: StoredRecord): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Orders records that cannot merge: by public key, then salt, then type (set above mutable). */
function compareIdentity(a: StoredRecord, b: StoredRecord): number {
  return compare(a.publicKey, b.publicKey) || compare(a.salt, b.salt) || compare(a.type, b.type);
}

function mergeMutable(a: MutableRecord, b: MutableRecord): MutableRecord {
  if (a.seq !== b.seq) return a.seq > b.seq ? a : b;
  const byContent = compare(a.value, b.value) || compare(a.sig, b.sig);
  return byContent >= 0 ? a : b;
}

/** Same id, different bytes: only a hash collision or a bug; pick deterministically anyway. */
function pickEntry(a: SetEntry, b: SetEntry): SetEntry {
  const ja = JSON.stringify([a.data, a.supersedes, a.sig]);
  const jb = JSON.stringify([b.data, b.supersedes, b.sig]);
  return ja >= jb ? a : b;
}

function combineSets(publicKey: string, salt: string, entryLists: readonly (readonly SetEntry[])[], tombstoneLists: readonly (readonly string[])[]): SetRecord {
  const byId = new Map<string, SetEntry>();
  for (const list of entryLists) {
    for (const e of list) {
      const seen = byId.get(e.id);
      byId.set(e.id, seen ? pickEntry(seen, e) : e);
    }
  }
  const dead = new Set<string>();
  for (const list of tombstoneLists) for (const id of list) dead.add(id);
  for (const e of byId.values()) for (const id of e.supersedes) dead.add(id);
  const entries = [...byId.values()].filter((e) => !dead.has(e.id)).sort((x, y) => compare(x.id, y.id));
  // Keep the largest ids: top-k of a union is the top-k of the top-k's, so the cap is order-independent.
  const tombstones = [...dead].sort(compare).slice(-MAX_TOMBSTONES);
  return { type: 'set', publicKey, salt, entries, tombstones };
}

function mergeSets(a: SetRecord, b: SetRecord): SetRecord {
  return combineSets(a.publicKey, a.salt, [a.entries, b.entries], [a.tombstones, b.tombstones]);
}

/** The canonical form of one record (sorted, deduplicated, superseded entries dropped). */
export function normalizeRecord(record: StoredRecord): StoredRecord {
  if (record.type === 'mutable') return record;
  return combineSets(record.publicKey, record.salt, [record.entries], [record.tombstones]);
}

/** The join of two records (see the file comment). Returns one of the inputs when it already is the join. */
export function mergeRecords(a: StoredRecord, b: StoredRecord): StoredRecord {
  const identity = compareIdentity(a, b);
  if (identity !== 0) return normalizeRecord(identity > 0 ? a : b);
  if (a.type === 'mutable' && b.type === 'mutable') return mergeMutable(a, b);
  if (a.type === 'set' && b.type === 'set') return mergeSets(a, b);
  return normalizeRecord(a); // unreachable: equal identity implies equal type
}
