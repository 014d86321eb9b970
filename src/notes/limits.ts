// Size limits of the notes layer, in bytes of ciphertext.

/**
 * Largest encrypted update or snapshot (bytes of AES-GCM ciphertext). 48 KiB keeps one entry plus
 * its JSON/base64 framing (×4/3) under the 64 KiB a record should stay under so it crosses a
 * WebRTC link in a handful of 16 KiB frames (DESIGN.md §3) and a replica's size cap.
 */
export const MAX_ENTRY_BYTES = 48 * 1024;

/** AES-GCM adds a 16-byte tag; the IV travels separately. */
export const AES_GCM_TAG_BYTES = 16;

/**
 * Compact a note to one snapshot after this many update entries: fewer entries mean fewer
 * signatures to verify and fewer bytes to fetch when a new tab opens the notebook.
 */
export const COMPACT_AFTER_ENTRIES = 32;
