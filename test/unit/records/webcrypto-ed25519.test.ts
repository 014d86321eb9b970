// Real Ed25519 through WebCrypto (Node 20 and Chromium), checked against RFC 8032 and against the
// record rules: a record signed by the browser adapter verifies, a tampered one does not.
import { expect } from 'chai';
import { createWebCryptoEd25519 } from '../../../src/store/webcrypto-ed25519.ts';
import { runVerificationPlan } from '../../../src/ports/crypto.ts';
import { fromHex, toBase64url, toHex, utf8 } from '../../../src/dht/records/bytes.ts';
import { mutableSignedBytes } from '../../../src/dht/records/signed-bytes.ts';
import { verdictFromResults, verificationPlan } from '../../../src/dht/records/verify.ts';
import type { MutableRecord } from '../../../src/wire/records.ts';

const crypto = createWebCryptoEd25519();

describe('WebCrypto Ed25519 adapter', () => {
  it('derives the RFC 8032 test-1 key pair from its seed and signs like the RFC', async () => {
    const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')!;
    const signer = await crypto.signerFromSeed(seed);
    expect(toHex(signer.publicKey)).to.equal('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = await signer.sign(new Uint8Array(0));
    expect(toHex(sig)).to.equal(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(await crypto.verify(signer.publicKey, new Uint8Array(0), sig)).to.equal(true);
    expect(await crypto.verify(signer.publicKey, utf8('x'), sig)).to.equal(false);
    expect(await crypto.verify(new Uint8Array(5), utf8('x'), sig)).to.equal(false);
    expect(toHex(await crypto.sha256(utf8('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('signs records the core accepts, and the core refuses them once tampered', async () => {
    const signer = await crypto.signerFromSeed(new Uint8Array(32).fill(3));
    const value = utf8('hello');
    const record: MutableRecord = {
      type: 'mutable',
      publicKey: toBase64url(signer.publicKey),
      salt: 'note',
      seq: 7,
      value: toBase64url(value),
      sig: toBase64url(await signer.sign(mutableSignedBytes('note', 7, value))),
    };
    const judge = async (r: MutableRecord) => {
      const plan = verificationPlan(r);
      return verdictFromResults(r, plan, await runVerificationPlan(plan, crypto));
    };
    const good = await judge(record);
    expect(good.authentic).to.equal(true);
    expect(good.keyId).to.match(/^[0-9a-f]{40}$/);
    expect((await judge({ ...record, seq: 8 })).authentic).to.equal(false);
  });
});
