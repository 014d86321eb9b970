// Watch leases at a key's primary (DESIGN.md §6, "watch"): a reader that keeps a record open asks
// the primary to tell it when the record changes, instead of polling. A lease is soft state: it
// runs out unless renewed, so a watcher that vanished costs nothing for long, and a new primary
// (after a join or a failure) learns its watchers from their next renewal. Bounded per key and in
// total, because any peer can ask.
import type { KeyId, NodeId } from '../../wire/ids.ts';

/** Watchers one key keeps (a notebook shared by more people still works: they poll). */
export const MAX_WATCHERS_PER_KEY = 64;
/** Keys with watchers one node keeps. */
export const MAX_WATCHED_KEYS = 4096;

/** key → watcher → the time (ms, this node's clock) its lease runs out. */
export type WatchLeases = Map<KeyId, Map<NodeId, number>>;

export type LeaseResult = { ok: true; ttlMs: number } | { ok: false; message: string };

/** Grants, renews (ttlMs > 0) or ends (ttlMs = 0) `watcher`'s lease on `key`. */
export function setLease(leases: WatchLeases, key: KeyId, watcher: NodeId, ttlMs: number, now: number): LeaseResult {
  let watchers = leases.get(key);
  if (ttlMs === 0) {
    watchers?.delete(watcher);
    if (watchers?.size === 0) leases.delete(key);
    return { ok: true, ttlMs: 0 };
  }
  if (!watchers) {
    if (leases.size >= MAX_WATCHED_KEYS) purgeExpired(leases, now);
    if (leases.size >= MAX_WATCHED_KEYS) return { ok: false, message: `this node already keeps watches on ${MAX_WATCHED_KEYS} keys` };
    watchers = new Map();
    leases.set(key, watchers);
  }
  if (!watchers.has(watcher) && watchers.size >= MAX_WATCHERS_PER_KEY) {
    for (const [w, until] of watchers) if (until <= now) watchers.delete(w);
    if (watchers.size >= MAX_WATCHERS_PER_KEY) return { ok: false, message: `${MAX_WATCHERS_PER_KEY} watchers already watch this key` };
  }
  watchers.set(watcher, now + ttlMs);
  return { ok: true, ttlMs };
}

/** The watchers of `key` whose lease still runs (expired ones are dropped on the way). */
export function activeWatchers(leases: WatchLeases, key: KeyId, now: number): NodeId[] {
  const watchers = leases.get(key);
  if (!watchers) return [];
  const live: NodeId[] = [];
  for (const [w, until] of watchers) {
    if (until > now) live.push(w);
    else watchers.delete(w);
  }
  if (watchers.size === 0) leases.delete(key);
  return live;
}

/** Drops every lease that ran out. */
export function purgeExpired(leases: WatchLeases, now: number): void {
  for (const key of [...leases.keys()]) activeWatchers(leases, key, now);
}
