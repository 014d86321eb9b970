// The exact byte strings that are hashed and signed (DESIGN.md §6). Each starts with a domain
// string so a signature made for one purpose can never be replayed as another (a set entry as a
// mutable value, or a Chordpad signature inside another protocol), and every variable-length field
// is length-prefixed so two different field splits can never give the same bytes.
import type { KeyId } from '../../wire/ids.ts';
import { ID_HEX_LENGTH, asKeyId } from '../../wire/ids.ts';
import { concatBytes, fromHex, toHex, u32be, u64be, utf8 } from './bytes.ts';

export const MUTABLE_DOMAIN = 'chordpad/mutable/v1';
export const SET_ENTRY_DOMAIN = 'chordpad/set-entry/v1';

const MUTABLE_DOMAIN_BYTES = utf8(MUTABLE_DOMAIN);
const SET_ENTRY_DOMAIN_BYTES = utf8(SET_ENTRY_DOMAIN);

/** Bytes whose SHA-256 (first 160 bits) is the key id: public key ‖ salt (BEP 44). */
export function keyIdInput(publicKey: Uint8Array, salt: string): Uint8Array {
  return concatBytes([publicKey, utf8(salt)]);
}

/** Key id from the SHA-256 digest of keyIdInput: its first 160 bits as 40 hex digits. */
export function keyIdFromDigest(digest: Uint8Array): KeyId {
  return asKeyId(toHex(digest.subarray(0, ID_HEX_LENGTH / 2)));
}

/** "chordpad/mutable/v1" ‖ u32 len ‖ salt ‖ u64 seq ‖ u32 len ‖ value. */
export function mutableSignedBytes(salt: string, seq: number, value: Uint8Array): Uint8Array {
  const saltBytes = utf8(salt);
  return concatBytes([
    MUTABLE_DOMAIN_BYTES,
    u32be(saltBytes.length),
    saltBytes,
    u64be(seq),
    u32be(value.length),
    value,
  ]);
}

/** "chordpad/set-entry/v1" ‖ u32 len ‖ salt ‖ u32 len ‖ data ‖ u32 count ‖ 16 raw bytes per superseded id. */
export function setEntrySignedBytes(salt: string, data: Uint8Array, supersedes: readonly string[]): Uint8Array {
  const saltBytes = utf8(salt);
  const ids = supersedes.map((id) => fromHex(id) ?? new Uint8Array(0));
  return concatBytes([
    SET_ENTRY_DOMAIN_BYTES,
    u32be(saltBytes.length),
    saltBytes,
    u32be(data.length),
    data,
    u32be(ids.length),
    ...ids,
  ]);
}

/** Entry id from the SHA-256 digest of setEntrySignedBytes: its first 128 bits as 32 hex digits. */
export function entryIdFromDigest(digest: Uint8Array): string {
  return toHex(digest.subarray(0, 16));
}
