// The byte string a set entry's signature covers and whose SHA-256 names it, exactly as the
// store's replicas rebuild it (src/dht/records/signed-bytes.ts `setEntrySignedBytes`; the notes
// layer may not import src/dht, so the layout is restated here and a browser test checks that
// both give identical bytes):
//   "chordpad/set-entry/v1" ‖ u32 len ‖ salt ‖ u32 len ‖ data ‖ u32 count ‖ 16 raw bytes per id.

const DOMAIN = new TextEncoder().encode('chordpad/set-entry/v1');

function u32be(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function hex16(id: string): Uint8Array {
  const out = new Uint8Array(id.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function setEntrySignedBytes(salt: string, data: Uint8Array, supersedes: readonly string[]): Uint8Array {
  const saltBytes = new TextEncoder().encode(salt);
  const parts = [DOMAIN, u32be(saltBytes.length), saltBytes, u32be(data.length), data, u32be(supersedes.length), ...supersedes.map(hex16)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
