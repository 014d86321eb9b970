import { expect } from 'chai';
import { claimIdentitySlot, IdentityError } from '../../../src/store/identity-slots.ts';
import { createIdbStore } from '../../../src/store/idb-store.ts';
import { createWebCryptoEd25519 } from '../../../src/store/webcrypto-ed25519.ts';
import { recordRules } from '../../../src/dht/records/rules.ts';
import { createSimCrypto } from '../../../src/dht/records/sim-signer.ts';
import { recordKeyIdSync, signMutableSync } from '../../../src/dht/records/build.ts';
import { verifyRecordSync } from '../../../src/dht/records/verify.ts';
import { toHex, utf8 } from '../../../src/dht/records/bytes.ts';
import { deleteDatabase, uniqueDbName } from './idb-helpers.ts';

describe('identity slots (Web Locks + IndexedDB)', () => {
  it('gives two claims in one page different slots and identities', async () => {
    const namespace = uniqueDbName('chordpad-test-ids');
    const a = await claimIdentitySlot({ namespace });
    const b = await claimIdentitySlot({ namespace });
    expect([a.identity.slot, b.identity.slot]).to.deep.equal([0, 1]);
    expect(a.identity.nodeId).to.not.equal(b.identity.nodeId);
    expect(a.identity.recordsDbName).to.not.equal(b.identity.recordsDbName);
    await a.release();
    await b.release();
    await deleteDatabase(`${namespace}-identity`);
  });

  it('gives a fresh claim after release the same identity, signer and records (a reload)', async () => {
    const namespace = uniqueDbName('chordpad-test-ids');
    const first = await claimIdentitySlot({ namespace });
    const sim = createSimCrypto();
    const writer = sim.signerFromSeed(new Uint8Array(32).fill(9));
    const record = signMutableSync(writer, 'kept', 1, utf8('survives a reload'));
    const key = recordKeyIdSync(sim, writer.publicKey, 'kept');
    const store = await createIdbStore({ name: first.identity.recordsDbName }, { rules: recordRules });
    expect((await store.put(key, record, verifyRecordSync(record, sim))).ok).to.equal(true);
    store.close();
    await first.release();

    const again = await claimIdentitySlot({ namespace });
    expect(again.identity.slot).to.equal(first.identity.slot);
    expect(again.identity.nodeId).to.equal(first.identity.nodeId);
    expect(toHex(again.identity.publicKey)).to.equal(toHex(first.identity.publicKey));
    const sig = await again.identity.signer.sign(utf8('still mine'));
    expect(await createWebCryptoEd25519().verify(first.identity.publicKey, utf8('still mine'), sig)).to.equal(true);
    const reopened = await createIdbStore({ name: again.identity.recordsDbName }, { rules: recordRules });
    expect((await reopened.get(key))?.type).to.equal('mutable');
    reopened.close();
    await again.release();
    await deleteDatabase(`${namespace}-identity`);
    await deleteDatabase(again.identity.recordsDbName);
  });

  it('fails with a typed error when every slot is taken', async () => {
    const namespace = uniqueDbName('chordpad-test-ids');
    const only = await claimIdentitySlot({ namespace, maxSlots: 1 });
    let error: unknown;
    try {
      await claimIdentitySlot({ namespace, maxSlots: 1 });
    } catch (err) {
      error = err;
    }
    expect(error instanceof IdentityError && error.code).to.equal('no_free_slot');
    await only.release();
    await deleteDatabase(`${namespace}-identity`);
  });
});
