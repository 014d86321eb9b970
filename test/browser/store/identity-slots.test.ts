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
    const a = await claimIdentitySlot({ namespace }, { memory: null });
    const b = await claimIdentitySlot({ namespace }, { memory: null });
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

  it('gives a reloaded tab its own slot back even while the unloading page still holds the lock', async () => {
    const namespace = uniqueDbName('chordpad-test-ids');
    // Two tabs' sessionStorage: each tab remembers its own slot across a reload.
    const memoryOf = (): Pick<Storage, 'getItem' | 'setItem'> => {
      const m = new Map<string, string>();
      return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
    };
    const [tabA, tabB] = [memoryOf(), memoryOf()];
    const first = await claimIdentitySlot({ namespace }, { memory: tabA });
    const other = await claimIdentitySlot({ namespace }, { memory: tabB });
    expect([first.identity.slot, other.identity.slot]).to.deep.equal([0, 1]);
    await other.release(); // slot 1 is free now: a plain "lowest free slot" would not wait for 0

    // Tab A reloads: the new page claims while the old one still holds slot 0 for a moment.
    const reloaded = claimIdentitySlot({ namespace }, { memory: tabA });
    await new Promise((r) => setTimeout(r, 150));
    await first.release();
    const again = await reloaded;
    expect(again.identity.slot).to.equal(0);
    expect(again.identity.nodeId).to.equal(first.identity.nodeId);
    await again.release();

    // A tab whose old slot stays taken (a duplicated tab) gets another one after the wait.
    const holder = await claimIdentitySlot({ namespace }, { memory: null });
    const duplicate = await claimIdentitySlot({ namespace, reloadWaitMs: 100 }, { memory: tabA });
    expect(holder.identity.slot).to.equal(0);
    expect(duplicate.identity.slot).to.equal(1);
    await holder.release();
    await duplicate.release();
    await deleteDatabase(`${namespace}-identity`);
  });

  it('fails with a typed error when every slot is taken', async () => {
    const namespace = uniqueDbName('chordpad-test-ids');
    const only = await claimIdentitySlot({ namespace, maxSlots: 1 }, { memory: null });
    let error: unknown;
    try {
      await claimIdentitySlot({ namespace, maxSlots: 1 }, { memory: null });
    } catch (err) {
      error = err;
    }
    expect(error instanceof IdentityError && error.code).to.equal('no_free_slot');
    await only.release();
    await deleteDatabase(`${namespace}-identity`);
  });
});
