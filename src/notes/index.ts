// The notes layer's public surface for the UI and the runtime.
export { Notebook, INDEX_SALT, noteSalt, type NotebookEvent, type NotebookDeps, type RemoteState } from './notebook.ts';
export { openCache, DEFAULT_CACHE_NAME, type NotesCache, type NotebookRecord } from './cache.ts';
export { parseLink, formatLink, looksLikeLink, capabilityFragment } from './links.ts';
export { createSecret, deriveKeys, readCapability, type Capability, type NotebookKeys } from './keys.ts';
export { NotesError, isNotesError, type NotesErrorCode } from './errors.ts';
export { verifyEntry, asEntry, type EncryptedEntry } from './entry.ts';
export { setEntrySignedBytes } from './set-entry-bytes.ts';
export type { NotebookRemote, RecordRef, PublishResult } from './remote.ts';
export type { SyncStatus } from './synced-doc.ts';
export type { NoteMeta } from './note-index.ts';
export { MAX_ENTRY_BYTES } from './limits.ts';
export { setRecordRemote, setRecordOf, type SetRecordStore } from './set-record-remote.ts';
