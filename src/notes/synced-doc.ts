// One Yjs document of a notebook (the index or one note) together with the encrypted entries that
// make it up. Local changes are sealed (encrypted + signed) into entries and cached as pending;
// stored or remote entries are verified, decrypted and applied. Every so often the entries are
// compacted into one snapshot.

import * as Y from 'yjs';
import type { NotesCache, DocRecord } from './cache.ts';
import { mergeDocRecords } from './doc-record-merge.ts';
import { openEntry, sealEntry, type EncryptedEntry } from './entry.ts';
import { isNotesError, tooLarge, type NotesError } from './errors.ts';
import type { NotebookKeys } from './keys.ts';
import { AES_GCM_TAG_BYTES, COMPACT_AFTER_ENTRIES, COMPACT_AT_WIRE_BYTES, MAX_ENTRY_BYTES } from './limits.ts';
import { MAX_SUPERSEDES } from './entry.ts';

/** Transaction origin of updates that came from entries (cache or remote): never re-sealed. */
const FROM_ENTRY = Symbol('from-entry');

export type SyncStatus =
  /** Not yet acknowledged by any replica (offline, no remote, or publish pending). */
  | { readonly state: 'local'; readonly pending: number }
  /** The last publish was acknowledged by `replicas` replicas and nothing is pending. */
  | { readonly state: 'replicated'; readonly replicas: number };

export interface SyncedDocDeps {
  readonly keys: NotebookKeys;
  readonly cache: NotesCache;
  readonly salt: string;
  /** Something changed (content or sync status). */
  readonly onChange: () => void;
  /** An entry was refused (tampered, malformed, too large) or a local write failed. */
  readonly onError: (error: NotesError) => void;
  /** This document's cache record changed (other tabs on the same cache should reload it). */
  readonly onPersisted?: () => void;
}

export class SyncedDoc {
  readonly doc = new Y.Doc();
  private entries: EncryptedEntry[] = [];
  private pending = new Set<string>();
  private known = new Set<string>();
  private replicas = 0;
  /** Serializes sealing and cache writes so entries are never lost to a read-modify-write race. */
  private chain: Promise<void> = Promise.resolve();
  private appliedChange = false;

  private constructor(private readonly deps: SyncedDocDeps) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_ENTRY) {
        this.appliedChange = true;
        return;
      }
      void this.enqueue(() => this.sealLocal(update));
    });
  }

  get salt(): string {
    return this.deps.salt;
  }

  /** Opens the document from the cache; entries that fail to verify are dropped and reported. */
  static async load(deps: SyncedDocDeps): Promise<SyncedDoc> {
    const d = new SyncedDoc(deps);
    const record = await deps.cache.getDoc(deps.keys.notebookId, deps.salt);
    d.replicas = record.replicas;
    for (const id of record.pending) d.pending.add(id);
    await d.applyEntries(record.entries, false);
    return d;
  }

  status(): SyncStatus {
    if (this.pending.size > 0 || this.replicas === 0) return { state: 'local', pending: this.pending.size };
    return { state: 'replicated', replicas: this.replicas };
  }

  pendingEntries(): EncryptedEntry[] {
    return this.entries.filter((e) => this.pending.has(e.id));
  }

  entryCount(): number {
    return this.entries.length;
  }

  /** Refuses a local edit that would push the document's snapshot over the entry limit. */
  checkGrowth(addedBytes: number): void {
    const projected = Y.encodeStateAsUpdate(this.doc).byteLength + addedBytes + AES_GCM_TAG_BYTES;
    if (addedBytes > 0 && projected > MAX_ENTRY_BYTES) throw tooLarge(projected, MAX_ENTRY_BYTES);
  }

  /** Applies entries fetched from replicas; returns how many were new and valid. */
  applyRemote(list: readonly unknown[]): Promise<number> {
    let added = 0;
    return this.enqueue(async () => {
      added = await this.applyEntries(list, true);
    }).then(() => added);
  }

  /** Marks entries as acknowledged by `replicas` replicas. */
  markPublished(ids: readonly string[], replicas: number): Promise<void> {
    return this.enqueue(async () => {
      for (const id of ids) this.pending.delete(id);
      this.replicas = replicas;
      await this.persist();
      this.deps.onChange();
    });
  }

  /** Applies entries another tab wrote to the shared cache. */
  reloadFromCache(): Promise<void> {
    return this.enqueue(async () => {
      const record = await this.deps.cache.getDoc(this.deps.keys.notebookId, this.deps.salt);
      await this.applyEntries(record.entries, true);
    });
  }

  /** Resolves when every queued seal and cache write has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  destroy(): void {
    this.doc.destroy();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step).catch((e: unknown) => {
      if (isNotesError(e)) this.deps.onError(e);
      else console.error('chordpad notes', e);
    });
    this.chain = next;
    return next;
  }

  private async applyEntries(list: readonly unknown[], persistNew: boolean): Promise<number> {
    let added = 0;
    for (const raw of list) {
      const id: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'id') : undefined;
      if (typeof id === 'string' && this.known.has(id)) continue;
      try {
        const { entry, plaintext } = await openEntry(this.deps.keys, this.deps.salt, raw);
        this.known.add(entry.id);
        this.dropSuperseded(entry.supersedes);
        this.appliedChange = false;
        Y.applyUpdate(this.doc, plaintext, FROM_ENTRY);
        // Keep an entry only if it taught us something (or it is our own cached history):
        // old entries a compaction already folded into a snapshot are not stored again.
        if (!persistNew || this.appliedChange) {
          this.entries.push(entry);
          added++;
        }
      } catch (e) {
        if (isNotesError(e)) this.deps.onError(e);
        else throw e;
      }
    }
    if (persistNew && added > 0) {
      await this.persist();
      this.deps.onChange();
    }
    return added;
  }

  private async sealLocal(update: Uint8Array): Promise<void> {
    const entry = await sealEntry(this.deps.keys, this.deps.salt, 'update', update);
    this.known.add(entry.id);
    this.entries.push(entry);
    this.pending.add(entry.id);
    if (this.entries.length > COMPACT_AFTER_ENTRIES || this.wireBytes() > COMPACT_AT_WIRE_BYTES) await this.compact();
    await this.persist();
    this.deps.onChange();
  }

  /**
   * Folds every entry into one snapshot (the state encoded as a single update) that supersedes
   * them, so replicas drop them too and keep only tombstones.
   */
  private async compact(): Promise<void> {
    const folded = this.entries.slice(-MAX_SUPERSEDES).map((e) => e.id);
    const snapshot = await sealEntry(this.deps.keys, this.deps.salt, 'snapshot', Y.encodeStateAsUpdate(this.doc), folded);
    this.known.add(snapshot.id);
    this.entries = [...this.entries.slice(0, -MAX_SUPERSEDES), snapshot];
    // The snapshot contains every pending update, so it alone must reach the replicas.
    this.pending = new Set([snapshot.id]);
  }

  /** A snapshot (ours or another writer's) replaced these entries: forget them. */
  private dropSuperseded(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    this.entries = this.entries.filter((e) => !gone.has(e.id));
    for (const id of ids) {
      this.pending.delete(id);
      this.known.add(id);
    }
  }

  /** Approximate JSON size of the entries as one set record carries them. */
  private wireBytes(): number {
    return this.entries.reduce((n, e) => n + e.data.length + e.sig.length + 34 * e.supersedes.length + 80, 0);
  }

  /**
   * Writes our entries into the cache merged with what is there (another tab of this browser may
   * have added entries), then applies whatever the other tab added.
   */
  private async persist(): Promise<void> {
    const mine: DocRecord = { entries: this.entries, pending: [...this.pending], replicas: this.replicas };
    const merged = await this.deps.cache.updateDoc(this.deps.keys.notebookId, this.deps.salt, (stored) => mergeDocRecords(stored, mine));
    const news = merged.entries.filter((e) => !this.known.has(e.id));
    if (news.length > 0) await this.applyEntries(news, false);
    this.deps.onPersisted?.();
  }
}
