import { expect } from 'chai';
import { fromBase64url, toBase64url } from '../../../src/notes/base64url.ts';
import { openEntry, sealEntry, verifyEntry } from '../../../src/notes/entry.ts';
import { isNotesError, type NotesErrorCode } from '../../../src/notes/errors.ts';
import { createSecret, deriveKeys, readCapability } from '../../../src/notes/keys.ts';
import { MAX_ENTRY_BYTES } from '../../../src/notes/limits.ts';

async function expectRefused(p: Promise<unknown>, code: NotesErrorCode): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isNotesError(e) ? e.code : String(e)).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

/** Flips one bit of a base64url field (re-encoded canonically). */
function flip(field: string, byte = 0): string {
  const b = fromBase64url(field);
  if (!b) throw new Error('bad field');
  b[byte] = (b[byte] ?? 0) ^ 1;
  return toBase64url(b);
}

describe('notes: encrypted, signed entries', () => {
  const text = new TextEncoder().encode('hello <b>chord</b>');

  it('round-trips: seal, verify with the public key only, open with the content key', async () => {
    const keys = await deriveKeys({ kind: 'write', secret: createSecret() });
    const e = await sealEntry(keys, 'note/a', 'update', text);
    expect(atob(e.data.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(e.data.length / 4) * 4, '='))).to.not.include('hello');
    expect(e.id).to.match(/^[0-9a-f]{32}$/);
    expect(e.supersedes).to.deep.equal([]);
    expect(await verifyEntry(keys, 'note/a', e)).to.equal(true);
    const reader = await deriveKeys(readCapability(keys));
    const { plaintext } = await openEntry(reader, 'note/a', e);
    expect(new TextDecoder().decode(plaintext)).to.equal('hello <b>chord</b>');
    // Random IVs: the same plaintext never gives the same ciphertext.
    const again = await sealEntry(keys, 'note/a', 'update', text);
    expect(again.data).to.not.equal(e.data);
  });

  it('refuses tampered ciphertext, signature, kind, a moved entry, and another notebook key', async () => {
    const keys = await deriveKeys({ kind: 'write', secret: createSecret() });
    const other = await deriveKeys({ kind: 'write', secret: createSecret() });
    const e = await sealEntry(keys, 'note/a', 'update', text);
    await expectRefused(openEntry(keys, 'note/a', { ...e, data: flip(e.data, 20) }), 'entry-tampered');
    await expectRefused(openEntry(keys, 'note/a', { ...e, data: flip(e.data, 1) }), 'entry-tampered'); // the kind byte
    await expectRefused(openEntry(keys, 'note/a', { ...e, sig: flip(e.sig, 10) }), 'entry-tampered');
    await expectRefused(openEntry(keys, 'note/a', { ...e, id: 'f'.repeat(32) }), 'entry-tampered');
    await expectRefused(openEntry(keys, 'note/a', { ...e, supersedes: ['a'.repeat(32)] }), 'entry-tampered');
    await expectRefused(openEntry(keys, 'note/b', e), 'entry-tampered');
    await expectRefused(openEntry(other, 'note/a', e), 'entry-tampered');
    // A forger with the content key (a reader) but not the signing key: its own signature fails.
    const forged = await sealEntry(other, 'note/a', 'update', text);
    await expectRefused(openEntry(keys, 'note/a', forged), 'entry-tampered');
  });

  it('refuses input that is not an entry', async () => {
    const keys = await deriveKeys({ kind: 'write', secret: createSecret() });
    for (const bad of [null, 7, 'x', {}, { id: 'x', data: '', sig: '', supersedes: [] }, { id: 'a'.repeat(32), data: 'AA', sig: 'A'.repeat(86), supersedes: [1] }]) {
      await expectRefused(openEntry(keys, 'index', bad), 'entry-malformed');
    }
  });

  it('refuses to seal or open more than the size limit, and a reader cannot seal', async () => {
    const keys = await deriveKeys({ kind: 'write', secret: createSecret() });
    await expectRefused(sealEntry(keys, 'index', 'update', new Uint8Array(MAX_ENTRY_BYTES)), 'too-large');
    const ok = await sealEntry(keys, 'index', 'update', new Uint8Array(MAX_ENTRY_BYTES - 16));
    expect(fromBase64url(ok.data)?.length).to.equal(MAX_ENTRY_BYTES + 14); // + version, kind, IV
    const reader = await deriveKeys(readCapability(keys));
    await expectRefused(sealEntry(reader, 'index', 'update', text), 'read-only');
  });
});
