import { expect } from 'chai';
import { fromBase64url, toBase64url } from '../../../src/notes/base64url.ts';
import { isNotesError } from '../../../src/notes/errors.ts';
import { deriveKeys, readCapability, createSecret } from '../../../src/notes/keys.ts';
import { capabilityFragment, formatLink, parseLink } from '../../../src/notes/links.ts';
import { createPrng, type Prng } from '../../../src/dht/prng.ts';

/** Fixed seeds (the browser has no env to pass one in); a failure names its seed. */
const SEEDS = [1, 2, 3, 4, 5];
const REPLAY = "WTR_FILES=test/browser/notes/keys-links.test.ts npx web-test-runner --config web-test-runner.config.js";

function seeded(body: (rng: Prng, seed: number) => void): void {
  for (const seed of SEEDS) {
    try {
      body(createPrng(seed), seed);
    } catch (err) {
      throw new Error(`seed ${seed} failed: ${err instanceof Error ? err.message : String(err)}\n  replay: ${REPLAY}`, { cause: err });
    }
  }
}

const bytesOf = (rng: Prng, n: number): Uint8Array => Uint8Array.from({ length: n }, () => rng.int(256));

function expectLinkError(input: string, fragment: RegExp): void {
  try {
    parseLink(input);
  } catch (e) {
    expect(isNotesError(e), String(e)).to.equal(true);
    if (!isNotesError(e)) return;
    expect(e.code).to.equal('link-malformed');
    expect(e.message).to.match(fragment);
    return;
  }
  expect.fail(`parseLink accepted ${JSON.stringify(input)}`);
}

describe('notes: base64url', () => {
  it('round-trips every length 0..40 (seeded)', () => {
    seeded((rng) => {
      for (let n = 0; n <= 40; n++) {
        const bytes = bytesOf(rng, n);
        expect(fromBase64url(toBase64url(bytes))).to.deep.equal(bytes);
      }
    });
  });
  it('refuses non-canonical text and foreign characters', () => {
    expect(fromBase64url('AB')).to.equal(undefined); // stray low bits: canonical is "AA"
    expect(fromBase64url('AA+/')).to.equal(undefined);
    expect(fromBase64url('AAA=')).to.equal(undefined);
    expect(fromBase64url('A')).to.equal(undefined);
  });
});

describe('notes: keys (HKDF, Ed25519 from seed)', () => {
  const secret = new Uint8Array(32).map((_, i) => i);

  it('derives the same keys from the same secret, different from another secret', async () => {
    const a = await deriveKeys({ kind: 'write', secret });
    const b = await deriveKeys({ kind: 'write', secret: new Uint8Array(secret) });
    const c = await deriveKeys({ kind: 'write', secret: createSecret() });
    expect(a.notebookId).to.equal(b.notebookId);
    expect(a.publicKeyText).to.equal(b.publicKeyText);
    expect(a.contentKeyBytes).to.deep.equal(b.contentKeyBytes);
    expect(a.notebookId).to.not.equal(c.notebookId);
    expect(a.publicKey.length).to.equal(32);
    expect(a.notebookId).to.have.length(22);
    // The content key is not the secret and not the public key.
    expect(a.contentKeyBytes).to.not.deep.equal(secret);
    expect(a.contentKeyBytes).to.not.deep.equal(a.publicKey);
  });

  it('a reader derives the same notebook id and public key but no signing key', async () => {
    const w = await deriveKeys({ kind: 'write', secret });
    const r = await deriveKeys(readCapability(w));
    expect(r.notebookId).to.equal(w.notebookId);
    expect(r.publicKeyText).to.equal(w.publicKeyText);
    expect(r.signingKey).to.equal(undefined);
    expect(w.signingKey).to.not.equal(undefined);
  });
});

describe('notes: links', () => {
  const base = 'https://chordpad.example/app/';

  it('round-trips write and read-only links', async () => {
    const secret = createSecret();
    const link = formatLink(base, { kind: 'write', secret });
    expect(link).to.match(/^https:\/\/chordpad\.example\/app\/#nb=[A-Za-z0-9_-]{43}$/);
    const cap = parseLink(link);
    expect(cap.kind).to.equal('write');
    if (cap.kind === 'write') expect(cap.secret).to.deep.equal(secret);

    const keys = await deriveKeys({ kind: 'write', secret });
    const ro = formatLink(`${base}#old`, readCapability(keys));
    expect(ro).to.match(/#ro=[A-Za-z0-9_-]{86}$/);
    const rcap = parseLink(ro);
    expect(rcap.kind).to.equal('read');
    if (rcap.kind === 'read') {
      expect(rcap.publicKey).to.deep.equal(keys.publicKey);
      expect(rcap.contentKey).to.deep.equal(keys.contentKeyBytes);
    }
    // A bare fragment and a bare parameter parse too.
    expect(parseLink(link.slice(link.indexOf('#'))).kind).to.equal('write');
    expect(parseLink(link.slice(link.indexOf('#') + 1)).kind).to.equal('write');
  });

  it('refuses malformed and truncated links with a message that says why', () => {
    const good = formatLink(base, { kind: 'write', secret: createSecret() });
    expectLinkError('', /empty/);
    expectLinkError('https://chordpad.example/', /no #nb= or #ro=/);
    expectLinkError(good.slice(0, -1), /truncated \(42 of 43/);
    expectLinkError(good.slice(0, -20), /truncated/);
    expectLinkError(`${good}A`, /too long/);
    expectLinkError(`${good.slice(0, -1)}!`, /not base64url/);
    expectLinkError(`${good}&x=1`, /extra parameters/);
    expectLinkError(good.replace('#nb=', '#xx='), /not a notebook link kind/);
    expectLinkError(good.replace('#nb=', '#ro='), /truncated/);
  });

  it('mangled links either parse to exactly what they say or fail with link-malformed (seeded fuzz)', () => {
    const alphabet = 'ABCxyz019-_=#&?!% .';
    seeded((rng) => {
      for (let i = 0; i < 200; i++) {
        const kind = rng.int(2) === 0 ? 'nb' : 'ro';
        let link = `${base}#${kind}=${toBase64url(bytesOf(rng, kind === 'nb' ? 32 : 64))}`;
        const edits = 1 + rng.int(3);
        for (let e = 0; e < edits; e++) {
          const at = rng.int(link.length + 1);
          const op = rng.int(3);
          const ch = alphabet[rng.int(alphabet.length)] ?? 'A';
          if (op === 0) link = link.slice(0, at) + ch + link.slice(at);
          else if (op === 1) link = link.slice(0, at) + link.slice(at + 1);
          else link = link.slice(0, at);
        }
        try {
          const cap = parseLink(link);
          expect(link.trim().endsWith(capabilityFragment(cap)), link).to.equal(true);
        } catch (err) {
          expect(isNotesError(err) && err.code, `${link}: ${String(err)}`).to.equal('link-malformed');
        }
      }
    });
  });

  it('refuses a read-only link whose public key is not an Ed25519 point', async () => {
    // y = 2 with the sign bit clear has no x on the curve (x² = (y²-1)/(dy²+1) is a non-residue).
    const bogus = new Uint8Array(64);
    bogus[32] = 2;
    const link = `${base}#ro=${toBase64url(bogus)}`;
    const cap = parseLink(link);
    try {
      await deriveKeys(cap);
    } catch (e) {
      expect(isNotesError(e) && e.code).to.equal('link-malformed');
      return;
    }
    // Some WebCrypto builds accept any 32 bytes at import; then verification simply never passes.
  });
});
