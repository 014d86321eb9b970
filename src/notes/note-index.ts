// The notebook's note index as a Yjs document: a Y.Map `notes` of note id → Y.Map with `title`,
// `created`, `updated` (epoch ms) and `deleted`. Deletion is a tombstone (a key set to true, never
// removed), so a concurrent edit elsewhere cannot resurrect a deleted note and a late replica
// cannot un-delete it.

import * as Y from 'yjs';

export interface NoteMeta {
  readonly id: string;
  readonly title: string;
  readonly created: number;
  readonly updated: number;
}

/** Longest title kept in the index (characters); the note itself holds the whole first line. */
export const TITLE_MAX_CHARS = 80;
export const UNTITLED = 'Untitled note';

export const notesMap = (index: Y.Doc): Y.Map<Y.Map<unknown>> => index.getMap('notes');

/** The title of a note's text: its first non-empty line, trimmed. */
export function titleOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return line === undefined ? UNTITLED : line.trim().slice(0, TITLE_MAX_CHARS);
}

function readMeta(id: string, m: Y.Map<unknown>): NoteMeta | undefined {
  if (m.get('deleted') === true) return undefined;
  const title = m.get('title');
  const created = m.get('created');
  const updated = m.get('updated');
  return {
    id,
    title: typeof title === 'string' ? title : UNTITLED,
    created: typeof created === 'number' ? created : 0,
    updated: typeof updated === 'number' ? updated : 0,
  };
}

/** Live notes, most recently updated first. */
export function listNotes(index: Y.Doc): NoteMeta[] {
  const out: NoteMeta[] = [];
  notesMap(index).forEach((m, id) => {
    const meta = readMeta(id, m);
    if (meta) out.push(meta);
  });
  return out.sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id));
}

/** Every note id the index mentions, deleted ones included (their docs are not loaded). */
export function liveNoteIds(index: Y.Doc): string[] {
  return listNotes(index).map((n) => n.id);
}

export function addNote(index: Y.Doc, id: string, now: number): void {
  index.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('title', UNTITLED);
    m.set('created', now);
    m.set('updated', now);
    notesMap(index).set(id, m);
  });
}

export function touchNote(index: Y.Doc, id: string, title: string, now: number): void {
  const m = notesMap(index).get(id);
  if (!m) return;
  index.transact(() => {
    if (m.get('title') !== title) m.set('title', title);
    m.set('updated', now);
  });
}

export function tombstoneNote(index: Y.Doc, id: string, now: number): void {
  const m = notesMap(index).get(id);
  if (!m) return;
  index.transact(() => {
    m.set('deleted', true);
    m.set('updated', now);
  });
}
