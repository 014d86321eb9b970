import { runStoreContract } from '../../contract/store-contract.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { recordRules } from '../../../src/dht/records/rules.ts';

runStoreContract('memory store', (init) => {
  const store = createMemoryStore(init, { rules: recordRules });
  return Promise.resolve({ store, teardown: () => Promise.resolve(store.close()) });
});
