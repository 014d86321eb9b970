// What the notes layer needs from the DHT. The lead's runtime implements this over the record
// store (DESIGN.md §6: a mutable set record at key H(publicKey ‖ salt), replicas merge entries by
// union without reading them). The app runs fully without one: local-only.

import type { EncryptedEntry } from './entry.ts';

/** Where one Yjs document of a notebook lives in the DHT (BEP 44 style: public key + salt). */
export interface RecordRef {
  /** The notebook's Ed25519 public key, base64url (32 bytes). */
  readonly publicKey: string;
  /** Which document: `index` or `note/<noteId>` (ASCII, no newline). */
  readonly salt: string;
}

export interface PublishResult {
  /** Replicas that acknowledged persisting the entries (0 when none could be reached). */
  readonly replicas: number;
}

export interface NotebookRemote {
  /**
   * Adds `entries` to the set record at `ref` (union with what replicas hold; a snapshot's
   * `supersedes` removes the entries it folded). Each entry is a store `SetEntry` signed by the
   * notebook key, so the runtime can put `{ type: 'set', publicKey, salt, entries, tombstones: [] }`
   * as is, and replicas verify it with their own rules. Rejects when nothing could be stored.
   */
  publish(ref: RecordRef, entries: readonly EncryptedEntry[]): Promise<PublishResult>;
  /** The entries of the set record at `ref` (unvalidated is fine: the notes layer verifies each). */
  fetch(ref: RecordRef): Promise<readonly unknown[]>;
  /** Calls `onChange` when the record at `ref` may have new entries; returns the unsubscribe. */
  subscribe?(ref: RecordRef, onChange: () => void): () => void;
}
