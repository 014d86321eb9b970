// A notebook opened from a capability: its index document, its notes' documents, the local cache
// behind them and, when there is one, the DHT remote they replicate to. This is the one object the
// UI talks to. It works with no remote at all (local only), and with a remote it pushes pending
// entries after each edit, retries while any are pending, and pulls on open and on change.

import type { NotesCache, NotebookRecord } from './cache.ts';
import { Listeners } from './emitter.ts';
import { readOnly, unknownNote, type NotesError } from './errors.ts';
import { toBase64url } from './base64url.ts';
import { deriveKeys, readCapability, type Capability, type NotebookKeys } from './keys.ts';
import { capabilityFragment } from './links.ts';
import { addNote, listNotes, liveNoteIds, titleOf, tombstoneNote, touchNote, type NoteMeta } from './note-index.ts';
import type { NotebookRemote, RecordRef } from './remote.ts';
import { SyncedDoc, type SyncStatus } from './synced-doc.ts';
import { applySplice, diffText } from './text-diff.ts';

export const INDEX_SALT = 'index';
export const noteSalt = (noteId: string): string => `note/${noteId}`;

/** Wait after a local edit before publishing, so a burst of keystrokes goes out as one batch. */
export const PUBLISH_DEBOUNCE_MS = 400;
/** Retry period while entries are pending and a remote exists (a peer may have come back). */
export const RETRY_MS = 5_000;
/** Pull period when the remote cannot push changes (no `subscribe`). */
export const POLL_MS = 10_000;
/**
 * Pull period when it can: a backstop for a change notification that was lost (a primary that
 * crashed between the write and the notification, before the watch's next renewal).
 */
export const BACKSTOP_POLL_MS = 30_000;
/**
 * First retry of a failed fetch (ms), doubling up to POLL_MS: right after a tab joins, the ring
 * often refuses a read for a moment (a primary that does not know its predecessor yet), and a
 * person who opened a link should not wait a whole poll period for the note.
 */
export const PULL_RETRY_MS = 250;
const NOTE_ID_BYTES = 12;

/** How the notebook last fared with the DHT. */
export type RemoteState = 'none' | 'syncing' | 'ok' | 'unreachable';

export type NotebookEvent =
  | { readonly type: 'change' }
  | { readonly type: 'error'; readonly error: NotesError };

export interface NotebookDeps {
  readonly cache: NotesCache;
  /** Absent: local only (offline, or before the DHT runtime exists). */
  readonly remote?: NotebookRemote | undefined;
  /** Epoch ms for created/updated times; tests pass a fake. @default Date.now */
  readonly now?: () => number;
}

export class Notebook {
  readonly events = new Listeners<NotebookEvent>();
  private readonly docs = new Map<string, SyncedDoc>();
  private loading = new Map<string, Promise<SyncedDoc>>();
  private readonly unsubscribers: (() => void)[] = [];
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  /** Per document salt: the pending retry of a failed fetch and its current delay. */
  private readonly pullRetries = new Map<string, { timer: ReturnType<typeof setTimeout> | undefined; delayMs: number }>();
  private remoteStateValue: RemoteState;
  /** Tells other tabs of this browser (same cache) which document we just wrote. */
  private readonly tabs: BroadcastChannel | undefined;
  private closed = false;
  private readonly now: () => number;

  private constructor(
    readonly keys: NotebookKeys,
    private readonly index: SyncedDoc,
    private readonly deps: NotebookDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.remoteStateValue = deps.remote ? 'syncing' : 'none';
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`chordpad-notes:${deps.cache.name}`) : undefined;
    this.tabs?.addEventListener('message', (e: MessageEvent) => this.onTabMessage(e.data));
  }

  static async open(capability: Capability, deps: NotebookDeps): Promise<Notebook> {
    const keys = await deriveKeys(capability);
    // The index's callbacks need the notebook, which needs the loaded index: a late-bound holder.
    const late: { nb?: Notebook } = {};
    const index = await SyncedDoc.load({
      keys,
      cache: deps.cache,
      salt: INDEX_SALT,
      onChange: () => late.nb?.onDocChange(INDEX_SALT),
      onError: (error) => late.nb?.events.emit({ type: 'error', error }),
      onPersisted: () => late.nb?.announce(INDEX_SALT),
    });
    const nb = new Notebook(keys, index, deps);
    late.nb = nb;
    await Promise.all(liveNoteIds(index.doc).map((id) => nb.loadNote(id)));
    await nb.remember();
    nb.startRemote();
    return nb;
  }

  get id(): string {
    return this.keys.notebookId;
  }

  get writable(): boolean {
    return this.keys.signingKey !== undefined;
  }

  get remoteState(): RemoteState {
    return this.remoteStateValue;
  }

  /** The capability a link of this kind carries (read-only links are always derivable). */
  capability(kind: 'write' | 'read'): Capability | undefined {
    if (kind === 'read') return readCapability(this.keys);
    return this.keys.capability.kind === 'write' ? this.keys.capability : undefined;
  }

  notes(): NoteMeta[] {
    return listNotes(this.index.doc).filter((n) => this.docs.has(n.id));
  }

  /** Notes whose title or text contains `query` (case-insensitive). */
  search(query: string): NoteMeta[] {
    const q = query.trim().toLocaleLowerCase();
    if (q === '') return this.notes();
    return this.notes().filter((n) => n.title.toLocaleLowerCase().includes(q) || this.noteText(n.id).toLocaleLowerCase().includes(q));
  }

  noteText(id: string): string {
    return this.docs.get(id)?.doc.getText('body').toJSON() ?? '';
  }

  /** The live Yjs document of a note (for an editor binding). */
  noteDoc(id: string): SyncedDoc {
    const d = this.docs.get(id);
    if (!d) throw unknownNote(id);
    return d;
  }

  status(id: string): SyncStatus {
    return this.docs.get(id)?.status() ?? { state: 'local', pending: 0 };
  }

  indexStatus(): SyncStatus {
    return this.index.status();
  }

  async createNote(text = ''): Promise<string> {
    if (!this.writable) throw readOnly();
    const id = toBase64url(crypto.getRandomValues(new Uint8Array(NOTE_ID_BYTES)));
    await this.loadNote(id);
    addNote(this.index.doc, id, this.now());
    if (text !== '') this.editNote(id, text);
    await this.idle();
    await this.remember();
    return id;
  }

  /**
   * Makes a note's text `next` by the smallest splice. Throws NotesError `read-only` or
   * `too-large` (and changes nothing) when the edit is not allowed.
   */
  editNote(id: string, next: string): void {
    if (!this.writable) throw readOnly();
    const note = this.noteDoc(id);
    const text = note.doc.getText('body');
    const splice = diffText(text.toJSON(), next);
    if (!splice) return;
    note.checkGrowth(new TextEncoder().encode(splice.insert).byteLength);
    note.doc.transact(() => applySplice(text, splice));
    touchNote(this.index.doc, id, titleOf(next), this.now());
  }

  deleteNote(id: string): void {
    if (!this.writable) throw readOnly();
    tombstoneNote(this.index.doc, id, this.now());
  }

  /** Resolves when every local change is sealed and cached. */
  async idle(): Promise<void> {
    await this.index.idle();
    await Promise.all([...this.docs.values()].map((d) => d.idle()));
  }

  /** Publishes every pending entry; returns how many documents still have pending entries. */
  async flush(): Promise<number> {
    const remote = this.deps.remote;
    await this.idle();
    const all = [this.index, ...this.docs.values()];
    if (!remote) return all.filter((d) => d.pendingEntries().length > 0).length;
    let left = 0;
    for (const d of all) {
      const pending = d.pendingEntries();
      if (pending.length === 0) continue;
      try {
        const { replicas } = await remote.publish(this.ref(d.salt), pending);
        if (replicas > 0) await d.markPublished(pending.map((e) => e.id), replicas);
        else left++;
        this.setRemoteState(replicas > 0 ? 'ok' : 'unreachable');
      } catch {
        left++;
        this.setRemoteState('unreachable');
      }
    }
    return left;
  }

  /** Fetches every document from the DHT and applies new entries. */
  async pull(): Promise<void> {
    if (!this.deps.remote) return;
    await this.pullDoc(this.index);
    // The index may have named new notes: open them before fetching every note.
    await Promise.all(liveNoteIds(this.index.doc).map((id) => this.loadNote(id)));
    await Promise.all([...this.docs.values()].map((d) => this.pullDoc(d)));
  }

  /** Pulls every document, then publishes what is pending (the remote just became reachable). */
  async sync(): Promise<void> {
    await this.pull();
    await this.flush();
  }

  close(): void {
    this.closed = true;
    this.tabs?.close();
    clearTimeout(this.publishTimer);
    clearInterval(this.retryTimer);
    clearInterval(this.pollTimer);
    for (const r of this.pullRetries.values()) clearTimeout(r.timer);
    for (const u of this.unsubscribers) u();
    this.index.destroy();
    for (const d of this.docs.values()) d.destroy();
  }

  private announce(salt: string): void {
    if (!this.closed) this.tabs?.postMessage({ notebookId: this.id, salt });
  }

  /** Another tab wrote a document of some notebook to the shared cache: pick up its entries. */
  private onTabMessage(data: unknown): void {
    if (this.closed || typeof data !== 'object' || data === null) return;
    const notebookId: unknown = Reflect.get(data, 'notebookId');
    const salt: unknown = Reflect.get(data, 'salt');
    if (notebookId !== this.id || typeof salt !== 'string') return;
    if (salt === INDEX_SALT) {
      void this.index.reloadFromCache();
      return;
    }
    const noteId = salt.startsWith('note/') ? salt.slice('note/'.length) : undefined;
    const doc = noteId === undefined ? undefined : this.docs.get(noteId);
    if (doc) void doc.reloadFromCache();
    else if (noteId !== undefined && liveNoteIds(this.index.doc).includes(noteId)) void this.loadNote(noteId);
  }

  private ref(salt: string): RecordRef {
    return { publicKey: this.keys.publicKeyText, salt };
  }

  private setRemoteState(s: RemoteState): void {
    if (this.remoteStateValue === s) return;
    this.remoteStateValue = s;
    this.events.emit({ type: 'change' });
  }

  private async pullDoc(d: SyncedDoc): Promise<void> {
    const remote = this.deps.remote;
    if (!remote || this.closed) return;
    try {
      const list = await remote.fetch(this.ref(d.salt));
      await d.applyRemote(list);
      const retry = this.pullRetries.get(d.salt);
      if (retry?.timer === undefined) this.pullRetries.delete(d.salt);
      if (this.remoteStateValue !== 'ok') this.setRemoteState('ok');
    } catch {
      this.setRemoteState('unreachable');
      this.retryPull(d);
    }
  }

  /** Fetches `d` again after a backoff (one retry pending per document at a time). */
  private retryPull(d: SyncedDoc): void {
    if (this.closed) return;
    const retry = this.pullRetries.get(d.salt) ?? { timer: undefined, delayMs: PULL_RETRY_MS / 2 };
    if (retry.timer !== undefined) return;
    retry.delayMs = Math.min(POLL_MS, retry.delayMs * 2);
    retry.timer = setTimeout(() => {
      retry.timer = undefined;
      void this.pullDoc(d);
    }, retry.delayMs);
    this.pullRetries.set(d.salt, retry);
  }

  private loadNote(id: string): Promise<SyncedDoc> {
    const have = this.docs.get(id);
    if (have) return Promise.resolve(have);
    const inFlight = this.loading.get(id);
    if (inFlight) return inFlight;
    const salt = noteSalt(id);
    const p = SyncedDoc.load({
      keys: this.keys,
      cache: this.deps.cache,
      salt,
      onChange: () => this.onDocChange(salt),
      onError: (error) => this.events.emit({ type: 'error', error }),
      onPersisted: () => this.announce(salt),
    }).then((d) => {
      this.docs.set(id, d);
      this.loading.delete(id);
      this.watch(d);
      if (this.deps.remote && !this.closed) void this.pullDoc(d);
      this.events.emit({ type: 'change' });
      return d;
    });
    this.loading.set(id, p);
    return p;
  }

  private onDocChange(salt: string): void {
    if (salt === INDEX_SALT) {
      // The index may name notes another writer created: open (and fetch) them.
      for (const id of liveNoteIds(this.index.doc)) if (!this.docs.has(id)) void this.loadNote(id);
      void this.remember();
    }
    this.schedulePublish();
    this.events.emit({ type: 'change' });
  }

  private schedulePublish(): void {
    if (!this.deps.remote || this.closed) return;
    clearTimeout(this.publishTimer);
    this.publishTimer = setTimeout(() => void this.flush(), PUBLISH_DEBOUNCE_MS);
  }

  private watch(d: SyncedDoc): void {
    const unsubscribe = this.deps.remote?.subscribe?.(this.ref(d.salt), () => void this.pullDoc(d));
    if (unsubscribe) this.unsubscribers.push(unsubscribe);
  }

  private startRemote(): void {
    const remote = this.deps.remote;
    if (!remote) return;
    this.watch(this.index);
    void this.pull().then(() => this.flush());
    this.retryTimer = setInterval(() => {
      if ([this.index, ...this.docs.values()].some((d) => d.pendingEntries().length > 0)) void this.flush();
    }, RETRY_MS);
    this.pollTimer = setInterval(() => void this.pull(), remote.subscribe ? BACKSTOP_POLL_MS : POLL_MS);
  }

  /** Records this notebook in the "recent" list (name = the newest note's title). */
  private async remember(): Promise<void> {
    if (this.closed) return;
    const newest = listNotes(this.index.doc)[0];
    const record: NotebookRecord = {
      id: this.id,
      fragment: capabilityFragment(this.keys.capability),
      writable: this.writable,
      name: newest ? newest.title : 'Empty notebook',
      openedAt: this.now(),
    };
    await this.deps.cache.putNotebook(record);
  }
}

