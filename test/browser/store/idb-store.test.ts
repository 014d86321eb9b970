import { expect } from 'chai';
import type { UseStore } from 'idb-keyval';
import { runStoreContract } from '../../contract/store-contract.ts';
import { createIdbStore } from '../../../src/store/idb-store.ts';
import { toStoreError } from '../../../src/store/store-errors.ts';
import { recordRules } from '../../../src/dht/records/rules.ts';
import { createSimCrypto } from '../../../src/dht/records/sim-signer.ts';
import { recordKeyIdSync, signMutableSync } from '../../../src/dht/records/build.ts';
import { verifyRecordSync } from '../../../src/dht/records/verify.ts';
import { utf8 } from '../../../src/dht/records/bytes.ts';
import { StoreFailure } from '../../../src/ports/record-store.ts';
import { deleteDatabase, uniqueDbName } from './idb-helpers.ts';

runStoreContract(
  'IndexedDB store (idb-keyval)',
  async (init) => {
    const name = uniqueDbName('chordpad-test-node');
    let store = await createIdbStore({ ...init, name }, { rules: recordRules });
    return {
      store,
      reopen: async () => {
        store.close();
        store = await createIdbStore({ ...init, name }, { rules: recordRules });
        return store;
      },
      teardown: async () => {
        store.close();
        await deleteDatabase(name);
      },
    };
  },
  { persistent: true },
);

describe('IndexedDB store failures', () => {
  const crypto = createSimCrypto();
  const signer = crypto.signerFromSeed(new Uint8Array(32).fill(7));
  const record = signMutableSync(signer, 'x', 1, utf8('x'));
  const key = recordKeyIdSync(crypto, signer.publicKey, 'x');
  const verdict = verifyRecordSync(record, crypto);

  it('maps QuotaExceededError to a typed quota error with a clear message, and others to io', () => {
    const quota = toStoreError(new DOMException('full', 'QuotaExceededError'), 'storing k');
    expect(quota.code).to.equal('quota');
    expect(quota.message).to.contain('storage is full');
    expect(toStoreError(new DOMException('gone', 'InvalidStateError'), 'reading k').code).to.equal('io');
  });

  it('settles a put with `quota` when IndexedDB reports QuotaExceededError at commit', async () => {
    const name = uniqueDbName('chordpad-test-quota');
    const real = (await import('idb-keyval')).createStore(name, 'records');
    // Reads go through; every write transaction fails the way a full origin does.
    const failing: UseStore = (mode, callback) =>
      mode === 'readwrite' ? real('readonly', () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) : real(mode, callback);
    const store = await createIdbStore({ name }, { rules: recordRules, useStore: failing });
    const result = await store.put(key, record, verdict);
    expect(result.ok ? 'ok' : result.error.code).to.equal('quota');
    expect((await store.usage()).bytes).to.equal(0);
    const many = await store.putMany([{ key, record, verdict }]);
    expect(many.map((r) => (r.ok ? 'ok' : r.error.code))).to.deep.equal(['quota']);
    store.close();
    await real('readonly', (os) => {
      os.transaction.db.close();
      return new Promise((resolve) => (os.transaction.oncomplete = resolve));
    }).catch(() => undefined);
    await deleteDatabase(name);
  });

  it('settles every call after close: puts with `io`, reads reject with a StoreFailure', async () => {
    const name = uniqueDbName('chordpad-test-closed');
    const store = await createIdbStore({ name }, { rules: recordRules });
    store.close();
    await new Promise((r) => setTimeout(r, 20));
    const result = await store.put(key, record, verdict);
    expect(result.ok ? 'ok' : result.error.code).to.equal('io');
    let failure: unknown;
    try {
      await store.get(key);
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(StoreFailure);
    expect(failure instanceof StoreFailure && failure.code).to.equal('io');
    await deleteDatabase(name);
  });
});
