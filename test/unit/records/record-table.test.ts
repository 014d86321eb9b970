// The simulator's synchronous record table passes the same store contract as the adapters.
import { runStoreContract } from '../../contract/store-contract.ts';
import { createRecordTable } from '../../../src/dht/records/record-table.ts';
import type { RecordStore } from '../../../src/ports/record-store.ts';

runStoreContract('record table (simulator, sync)', (init) => {
  const table = createRecordTable(init.quotaBytes);
  let closed = false;
  const later = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);
  const store: RecordStore = {
    get: (key) => later(() => table.get(key)),
    put: (key, record, verdict) => later(() => table.put(key, record, verdict)),
    putMany: (requests) => later(() => requests.map((r) => table.put(r.key, r.record, r.verdict))),
    delete: (key) => later(() => table.delete(key)),
    keysInRange: (range) => later(() => table.keysInRange(range)),
    summarize: (range) => later(() => table.summarize(range)),
    digest: (range, buckets) => later(() => table.digest(range, buckets)),
    usage: () => later(() => table.usage()),
    close: () => {
      closed = true;
    },
  };
  return Promise.resolve({ store, teardown: () => Promise.resolve(void closed) });
});
