// Size limits of the notes layer, derived from the store's record limit.
//
// A note's DHT record is one set record, and the store caps a whole record at 64 KiB of JSON
// (src/wire/records.ts MAX_RECORD_BYTES), tombstones included (up to 512 × 34 bytes ≈ 17 KiB).
// Binary data travels as base64url (×4/3). So a note's snapshot may be at most 24 KiB of
// ciphertext (32 KiB on the wire), which leaves ~15 KiB for updates made since the last
// snapshot; and the notes layer compacts before the entries it holds reach COMPACT_AT_WIRE_BYTES.

/** Largest encrypted update or snapshot, bytes of AES-GCM ciphertext (tag included). */
export const MAX_ENTRY_BYTES = 24 * 1024;

/** AES-GCM adds a 16-byte tag; the IV travels separately. */
export const AES_GCM_TAG_BYTES = 16;

/**
 * Compact a note to one snapshot after this many entries: fewer entries mean fewer signatures to
 * verify and fewer bytes to fetch when a new tab opens the notebook.
 */
export const COMPACT_AFTER_ENTRIES = 32;

/** Compact when the entries' JSON reaches this many bytes (40 KiB), well under the 64 KiB record cap. */
export const COMPACT_AT_WIRE_BYTES = 40 * 1024;
