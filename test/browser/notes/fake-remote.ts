// An in-memory NotebookRemote that behaves like the DHT's set records: union by signature, and
// (like a replica) it verifies each entry's signature with the record's public key before storing.
import { fromBase64url } from '../../../src/notes/base64url.ts';
import { asEntry, verifyEntry, type EncryptedEntry } from '../../../src/notes/entry.ts';
import type { NotebookRemote, RecordRef } from '../../../src/notes/remote.ts';

export class FakeRemote implements NotebookRemote {
  readonly records = new Map<string, Map<string, EncryptedEntry>>();
  refused = 0;
  replicas = 3;
  private readonly listeners = new Map<string, Set<() => void>>();

  async publish(ref: RecordRef, entries: readonly EncryptedEntry[]): Promise<{ replicas: number }> {
    const key = `${ref.publicKey}/${ref.salt}`;
    const pub = fromBase64url(ref.publicKey);
    if (!pub) throw new Error('bad public key');
    const verifyKey = await crypto.subtle.importKey('raw', new Uint8Array(pub), 'Ed25519', false, ['verify']);
    const set = this.records.get(key) ?? new Map<string, EncryptedEntry>();
    for (const raw of entries) {
      const e = asEntry(raw);
      if (!e || !(await verifyEntry({ verifyKey }, ref.salt, e))) {
        this.refused++;
        continue;
      }
      set.set(e.sig, e);
    }
    this.records.set(key, set);
    for (const fn of this.listeners.get(key) ?? []) fn();
    return { replicas: this.replicas };
  }

  fetch(ref: RecordRef): Promise<unknown[]> {
    return Promise.resolve([...(this.records.get(`${ref.publicKey}/${ref.salt}`)?.values() ?? [])]);
  }

  subscribe(ref: RecordRef, onChange: () => void): () => void {
    const key = `${ref.publicKey}/${ref.salt}`;
    const set = this.listeners.get(key) ?? new Set();
    set.add(onChange);
    this.listeners.set(key, set);
    return () => set.delete(onChange);
  }
}

/** A cache database name no other test run uses. */
export const freshCacheName = (): string => `chordpad-test-${crypto.randomUUID()}`;
