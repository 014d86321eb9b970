// Strict base64url (RFC 4648 §5, no padding) for link fragments and entry fields. Strict means a
// decoder that refuses anything it would not itself have produced, so a mangled link fails loudly
// instead of yielding different bytes.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map<string, number>([...ALPHABET].map((c, i) => [c, i]));

export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Decodes base64url; undefined for any character outside the alphabet or an impossible length. */
export function fromBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const chunk = text.slice(i, i + 4);
    for (let c = 0; c < 4; c++) {
      const ch = chunk[c];
      const v = ch === undefined ? 0 : LOOKUP.get(ch);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    const bytes = chunk.length - 1;
    for (let b = 0; b < bytes; b++) out[o++] = (n >> (16 - 8 * b)) & 255;
  }
  // Canonical form only: re-encoding must give the same text (rejects stray low bits).
  if (toBase64url(out) !== text) return undefined;
  return out;
}
