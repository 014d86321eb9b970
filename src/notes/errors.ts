// Typed errors of the notes layer (CONVENTIONS §11): a `code` from a string union plus a message a
// person can read, built by small factories so the UI can switch on the code.

export type NotesErrorCode =
  /** A `#nb=` / `#ro=` link that does not parse: wrong prefix, bad characters, wrong length. */
  | 'link-malformed'
  /** An entry whose signature does not verify or whose ciphertext does not decrypt. */
  | 'entry-tampered'
  /** An entry that is not shaped like an EncryptedEntry at all. */
  | 'entry-malformed'
  /** A note or update over the size limit (limits.ts). */
  | 'too-large'
  /** A write through a read-only link. */
  | 'read-only'
  /** IndexedDB refused or failed an operation. */
  | 'cache-failed'
  /** A note id that this notebook does not know. */
  | 'unknown-note';

export class NotesError extends Error {
  override readonly name = 'NotesError';
  constructor(
    readonly code: NotesErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const linkMalformed = (why: string): NotesError =>
  new NotesError('link-malformed', `This notebook link is not valid: ${why}. Ask for the link again and paste it whole.`);

export const entryTampered = (why: string): NotesError =>
  new NotesError('entry-tampered', `An update was refused: ${why}.`);

export const entryMalformed = (why: string): NotesError =>
  new NotesError('entry-malformed', `An update was refused: ${why}.`);

export const tooLarge = (bytes: number, limit: number): NotesError =>
  new NotesError(
    'too-large',
    `This note would be ${Math.ceil(bytes / 1024)} KiB encrypted; the limit is ${limit / 1024} KiB. Split it into several notes.`,
  );

export const readOnly = (): NotesError =>
  new NotesError('read-only', 'This notebook was opened with a read-only link: you can read it, not edit it.');

export const cacheFailed = (why: string): NotesError =>
  new NotesError('cache-failed', `The local cache failed: ${why}.`);

export const unknownNote = (id: string): NotesError => new NotesError('unknown-note', `No note with id ${id}.`);

export function isNotesError(e: unknown): e is NotesError {
  return e instanceof NotesError;
}
