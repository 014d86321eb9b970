// Notebook links: `…/#nb=<secret>` (read + write) and `…/#ro=<content key ‖ public key>` (read
// only). The fragment is never sent to a server (DESIGN.md §7). The parser is strict: anything but
// exactly one well-formed parameter of exactly the right length is refused with a typed error, so
// a truncated paste never opens (or creates) a different notebook.

import { fromBase64url, toBase64url } from './base64url.ts';
import { linkMalformed } from './errors.ts';
import { CONTENT_KEY_BYTES, PUBLIC_KEY_BYTES, SECRET_BYTES, type Capability } from './keys.ts';

/** Characters of unpadded base64url for n bytes. */
const b64Length = (bytes: number): number => Math.ceil((bytes * 4) / 3);

export function capabilityFragment(cap: Capability): string {
  if (cap.kind === 'write') return `nb=${toBase64url(cap.secret)}`;
  const payload = new Uint8Array(CONTENT_KEY_BYTES + PUBLIC_KEY_BYTES);
  payload.set(cap.contentKey);
  payload.set(cap.publicKey, CONTENT_KEY_BYTES);
  return `ro=${toBase64url(payload)}`;
}

/** The shareable link: `base` (the app's URL without fragment) plus the capability fragment. */
export function formatLink(base: string, cap: Capability): string {
  const hash = base.indexOf('#');
  return `${hash === -1 ? base : base.slice(0, hash)}#${capabilityFragment(cap)}`;
}

/** True when the text looks like it is meant to be a notebook link (has an nb= or ro= fragment). */
export function looksLikeLink(text: string): boolean {
  return /#(nb|ro)=/.test(text.trim()) || /^(nb|ro)=/.test(text.trim());
}

/**
 * Parses a whole link (`https://host/#nb=…`), a fragment (`#nb=…`) or the bare parameter
 * (`nb=…`). Throws a NotesError `link-malformed` whose message says what is wrong.
 */
export function parseLink(input: string): Capability {
  const text = input.trim();
  if (text === '') throw linkMalformed('it is empty');
  const hash = text.indexOf('#');
  const fragment = hash === -1 ? text : text.slice(hash + 1);
  const eq = fragment.indexOf('=');
  if (eq === -1) throw linkMalformed('it has no #nb= or #ro= part');
  const kind = fragment.slice(0, eq);
  const value = fragment.slice(eq + 1);
  if (kind !== 'nb' && kind !== 'ro') throw linkMalformed(`“${kind.slice(0, 12)}” is not a notebook link kind (expected nb or ro)`);
  if (/[&#=?]/.test(value)) throw linkMalformed('it has extra parameters after the key');
  const expectedBytes = kind === 'nb' ? SECRET_BYTES : CONTENT_KEY_BYTES + PUBLIC_KEY_BYTES;
  const expected = b64Length(expectedBytes);
  if (value.length < expected) throw linkMalformed(`it is truncated (${value.length} of ${expected} key characters)`);
  if (value.length > expected) throw linkMalformed(`its key is too long (${value.length} characters, expected ${expected})`);
  const bytes = fromBase64url(value);
  if (!bytes || bytes.length !== expectedBytes) throw linkMalformed('its key contains characters that are not base64url');
  if (kind === 'nb') return { kind: 'write', secret: bytes };
  return {
    kind: 'read',
    contentKey: bytes.slice(0, CONTENT_KEY_BYTES),
    publicKey: bytes.slice(CONTENT_KEY_BYTES),
  };
}
