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
   * Adds `entries` to the set record at `ref` (union with what replicas hold). Entries are opaque
   * to replicas except for the signature, which they verify with `ref.publicKey` over
   * `entrySigningBytes(ref.salt, entry)` (entry.ts). Rejects when nothing could be stored.
   */
  publish(ref: RecordRef, entries: readonly EncryptedEntry[]): Promise<PublishResult>;
  /** All entries replicas hold for `ref` (possibly unvalidated: the notes layer verifies each). */
  fetch(ref: RecordRef): Promise<readonly unknown[]>;
  /** Calls `onChange` when the record at `ref` may have new entries; returns the unsubscribe. */
  subscribe?(ref: RecordRef, onChange: () => void): () => void;
}
