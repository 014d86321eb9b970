// The browser's local copy of its notebooks (DESIGN.md §7), in raw IndexedDB: the notes layer's
// folder rules allow Yjs and WebCrypto only, and two object stores need no library.
//
// `notebooks`: what "open recent" lists (the capability, so a reload reopens it offline).
// `docs`: per Yjs document the encrypted entries this browser knows, which of them are still
// pending (not yet acknowledged by the DHT), and how many replicas acknowledged the last publish.
// Entries stay encrypted here too: one format everywhere, and the cache can be handed to a remote
// as-is.

import { cacheFailed } from './errors.ts';
import type { EncryptedEntry } from './entry.ts';

export interface NotebookRecord {
  /** Public notebook id (keys.ts). */
  readonly id: string;
  /** The capability fragment, `nb=…` or `ro=…` (links.ts). */
  readonly fragment: string;
  readonly writable: boolean;
  /** Last known display name (the first note's title or "Untitled notebook"). */
  readonly name: string;
  /** Epoch ms when this browser last opened it. */
  readonly openedAt: number;
}

export interface DocRecord {
  readonly entries: readonly EncryptedEntry[];
  /** Id of each entry not yet acknowledged by the DHT. */
  readonly pending: readonly string[];
  /** Replicas that acknowledged the last publish; 0 = local only. */
  readonly replicas: number;
}

export const EMPTY_DOC: DocRecord = { entries: [], pending: [], replicas: 0 };

export interface NotesCache {
  /** The IndexedDB database name (tabs on one cache tell each other about writes by it). */
  readonly name: string;
  listNotebooks(): Promise<NotebookRecord[]>;
  putNotebook(record: NotebookRecord): Promise<void>;
  forgetNotebook(id: string): Promise<void>;
  getDoc(notebookId: string, salt: string): Promise<DocRecord>;
  putDoc(notebookId: string, salt: string, doc: DocRecord): Promise<void>;
  /**
   * Read-modify-write of one document in a single transaction (tabs of one browser share the
   * cache, so a plain put could drop another tab's entries). Resolves with the stored result.
   */
  updateDoc(notebookId: string, salt: string, fn: (current: DocRecord) => DocRecord): Promise<DocRecord>;
  /** Salts of every cached document of a notebook. */
  listDocs(notebookId: string): Promise<string[]>;
  close(): void;
}

/** Database name; tests pass their own so runs never see each other's data. */
export const DEFAULT_CACHE_NAME = 'chordpad-notes';
const VERSION = 1;
const NOTEBOOKS = 'notebooks';
const DOCS = 'docs';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(cacheFailed(req.error?.message ?? 'unknown IndexedDB error'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(cacheFailed(tx.error?.message ?? 'transaction failed'));
    tx.onabort = () => reject(cacheFailed(tx.error?.message ?? 'transaction aborted'));
  });
}

const docKey = (notebookId: string, salt: string): [string, string] => [notebookId, salt];

function isDocRecord(value: unknown): value is DocRecord {
  return typeof value === 'object' && value !== null && Array.isArray(Reflect.get(value, 'entries')) && Array.isArray(Reflect.get(value, 'pending'));
}

function isNotebookRecord(value: unknown): value is NotebookRecord {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'string' && typeof Reflect.get(value, 'fragment') === 'string';
}

export async function openCache(name: string = DEFAULT_CACHE_NAME): Promise<NotesCache> {
  const open = indexedDB.open(name, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(NOTEBOOKS)) db.createObjectStore(NOTEBOOKS, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(DOCS)) db.createObjectStore(DOCS);
  };
  const db = await request(open);
  // Another tab upgrading the schema: close so it is not blocked forever.
  db.onversionchange = () => db.close();

  return {
    name,
    async listNotebooks() {
      const all: unknown[] = await request(db.transaction(NOTEBOOKS).objectStore(NOTEBOOKS).getAll());
      return all.filter(isNotebookRecord).sort((a, b) => b.openedAt - a.openedAt);
    },
    async putNotebook(record) {
      const tx = db.transaction(NOTEBOOKS, 'readwrite');
      tx.objectStore(NOTEBOOKS).put(record);
      await done(tx);
    },
    async forgetNotebook(id) {
      const tx = db.transaction([NOTEBOOKS, DOCS], 'readwrite');
      tx.objectStore(NOTEBOOKS).delete(id);
      tx.objectStore(DOCS).delete(IDBKeyRange.bound([id, ''], [id, '\uffff']));
      await done(tx);
    },
    async getDoc(notebookId, salt) {
      const value: unknown = await request(db.transaction(DOCS).objectStore(DOCS).get(docKey(notebookId, salt)));
      return isDocRecord(value) ? value : EMPTY_DOC;
    },
    async putDoc(notebookId, salt, doc) {
      const tx = db.transaction(DOCS, 'readwrite');
      tx.objectStore(DOCS).put(doc, docKey(notebookId, salt));
      await done(tx);
    },
    async updateDoc(notebookId, salt, fn) {
      const tx = db.transaction(DOCS, 'readwrite');
      const store = tx.objectStore(DOCS);
      const key = docKey(notebookId, salt);
      const current: unknown = await request(store.get(key));
      // Still inside the transaction: the put is queued before it can auto-commit.
      const next = fn(isDocRecord(current) ? current : EMPTY_DOC);
      store.put(next, key);
      await done(tx);
      return next;
    },
    async listDocs(notebookId) {
      const keys = await request(db.transaction(DOCS).objectStore(DOCS).getAllKeys(IDBKeyRange.bound([notebookId, ''], [notebookId, '\uffff'])));
      return keys.flatMap((k) => (Array.isArray(k) && typeof k[1] === 'string' ? [k[1]] : []));
    },
    close() {
      db.close();
    },
  };
}
