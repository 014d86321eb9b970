import { expect } from 'chai';
import { sha256 } from '../../../src/dht/records/sha256.ts';
import { fromBase64url, fromHex, hash64, toBase64url, toHex, utf8 } from '../../../src/dht/records/bytes.ts';
import { base64urlByteLength, utf8ByteLength } from '../../../src/wire/records.ts';
import { forSeeds, seedRange } from './seeded.ts';

const FILE = 'test/unit/records/primitives.test.ts';

describe('sha256 (pure, for the simulator)', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(toHex(sha256(utf8('')))).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256(utf8('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).to.equal(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(sha256(utf8('a'.repeat(1000))))).to.equal('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });
});

describe('byte helpers', () => {
  it('round-trips base64url and hex for random byte strings of every small length', () => {
    forSeeds(FILE, seedRange(10, 5), (rng) => {
      for (let n = 0; n < 70; n++) {
        const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
        const b64 = toBase64url(bytes);
        expect(b64).to.match(/^[A-Za-z0-9_-]*$/);
        expect(base64urlByteLength(b64.length)).to.equal(n);
        expect(fromBase64url(b64)).to.deep.equal(bytes);
        expect(fromHex(toHex(bytes))).to.deep.equal(bytes);
      }
    });
  });

  it('rejects bad base64url and counts UTF-8 like TextEncoder', () => {
    expect(fromBase64url('ab+c')).to.equal(undefined);
    expect(fromBase64url('abcde')).to.equal(undefined);
    for (const s of ['', 'abc', 'é', '日本語', '😀x', 'a\u0800b']) expect(utf8ByteLength(s)).to.equal(utf8(s).length);
  });

  it('hashes strings to 64 bits deterministically', () => {
    expect(hash64('abc')).to.equal(hash64('abc'));
    expect(hash64('abc')).to.not.equal(hash64('abd'));
    expect(hash64('')).to.match(/^[0-9a-f]{16}$/);
  });
});
