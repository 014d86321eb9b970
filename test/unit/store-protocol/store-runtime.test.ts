// The runtime's store API over one ring-of-one node (DESIGN.md §6): put/get Promises, typed errors
// (rejected with the rule's reason, quota, timeout at the deadline), restore from the RecordStore,
// and NotebookRemote publish/fetch. Crypto is the simulator's signer behind the async port.
import { expect } from 'chai';
import { ChordNode } from '../../../src/dht/node.ts';
import type { Effect } from '../../../src/dht/effects.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { createSimCrypto } from '../../../src/dht/records/sim-signer.ts';
import { signMutableSync, signSetEntrySync } from '../../../src/dht/records/build.ts';
import { toBase64url } from '../../../src/dht/records/bytes.ts';
import { recordRules } from '../../../src/dht/records/rules.ts';
import { asyncCrypto } from '../../../src/ports/crypto.ts';
import type { RecordStore } from '../../../src/ports/record-store.ts';
import { createMemoryStore } from '../../../src/store/memory-store.ts';
import { createStoreRuntime, type StoreRuntime } from '../../../src/runtime/store-runtime.ts';
import { createNotebookRemote } from '../../../src/runtime/notebook-remote.ts';
import { StoreError } from '../../../src/runtime/store-errors.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

interface Harness {
  runtime: StoreRuntime;
  node: ChordNode;
  store: RecordStore;
  fireTimers: () => void;
  /** Starts the ring of one (done at once unless `create: false`). */
  create: () => void;
}

function harness(sim = createSimCrypto(), opts: { quotaBytes?: number; store?: RecordStore; answer?: boolean; create?: boolean } = {}): Harness {
  const node = new ChordNode(asNodeId('5'.repeat(40)), {}, { rng: createPrng(1) });
  const store = opts.store ?? createMemoryStore(opts.quotaBytes === undefined ? {} : { quotaBytes: opts.quotaBytes }, { rules: recordRules });
  let t = 0;
  const timers: (() => void)[] = [];
  // eslint-disable-next-line prefer-const
  let runtime: StoreRuntime;
  const apply = (effects: Effect[]): void => {
    for (const effect of effects) {
      if (effect.type === 'event') runtime.onEvent(effect.event);
      else if (opts.answer !== false) runtime.handle(effect);
    }
  };
  runtime = createStoreRuntime(
    { deadlineMs: 1000, store: opts.quotaBytes === undefined ? {} : { quotaBytes: opts.quotaBytes } },
    {
      node,
      store,
      crypto: asyncCrypto(sim),
      clock: { now: () => t++ },
      run: (step) => apply(step(t++)),
      schedule: (run) => {
        timers.push(run);
        return () => {
          const i = timers.indexOf(run);
          if (i >= 0) timers.splice(i, 1);
        };
      },
    },
  );
  const create = (): void => apply(node.create(t++));
  if (opts.create !== false) create();
  return { runtime, node, store, create, fireTimers: () => timers.splice(0).forEach((run) => run()) };
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('store runtime (Promise API over the core)', () => {
  it('put resolves once persisted and get returns the record; the RecordStore holds it', async () => {
    const sim = createSimCrypto();
    const h = harness(sim);
    const alice = sim.signerFromSeed(enc('alice'));
    const record = signMutableSync(alice, 'n', 1, enc('hello'));
    const { key, replicas } = await h.runtime.put(record);
    expect(replicas).to.deep.equal([h.node.self]);
    expect(await h.runtime.get(key)).to.deep.equal(record);
    expect(await h.store.get(key)).to.deep.equal(record);
  });

  it('refusals come back typed: rejected with the rule (forged, stale) and quota', async () => {
    const sim = createSimCrypto();
    const h = harness(sim);
    const alice = sim.signerFromSeed(enc('alice'));
    await h.runtime.put(signMutableSync(alice, 'n', 2, enc('two')));
    const stale = await rejection(h.runtime.put(signMutableSync(alice, 'n', 1, enc('one'))));
    expect([stale.code, stale.reason]).to.deep.equal(['rejected', 'stale']);
    const forged = { ...signMutableSync(alice, 'n', 3, enc('three')), value: toBase64url(enc('evil')) };
    const f = await rejection(h.runtime.put(forged));
    expect([f.code, f.reason]).to.deep.equal(['rejected', 'forged']);
    const small = harness(sim, { quotaBytes: 300 });
    const q = await rejection(small.runtime.put(signMutableSync(alice, 'big', 1, enc('x'.repeat(400)))));
    expect(q.code).to.equal('quota');
  });

  it('an operation nobody answers rejects with timeout at its deadline', async () => {
    const sim = createSimCrypto();
    const h = harness(sim, { answer: false });
    const alice = sim.signerFromSeed(enc('alice'));
    const pending = h.runtime.put(signMutableSync(alice, 'n', 1, enc('hello')));
    await Promise.resolve();
    await Promise.resolve();
    h.fireTimers();
    expect((await rejection(pending)).code).to.equal('timeout');
  });

  it('restore() loads what the RecordStore kept, so a restarted node serves it', async () => {
    const sim = createSimCrypto();
    const first = harness(sim);
    const alice = sim.signerFromSeed(enc('alice'));
    const record = signMutableSync(alice, 'n', 1, enc('kept'));
    const { key } = await first.runtime.put(record);
    const second = harness(sim, { store: first.store });
    expect(await second.runtime.restore()).to.equal(1);
    expect(second.node.localRecord(key)).to.deep.equal(record);
  });

  it('NotebookRemote publishes set entries and fetches their union', async () => {
    const sim = createSimCrypto();
    const h = harness(sim);
    const book = sim.signerFromSeed(enc('notebook'));
    const remote = createNotebookRemote(h.runtime);
    const ref = { publicKey: toBase64url(book.publicKey), salt: 'note/1' };
    const a = signSetEntrySync(sim, book, ref.salt, enc('update a'));
    const b = signSetEntrySync(sim, book, ref.salt, enc('update b'));
    expect((await remote.publish(ref, [a])).replicas).to.equal(1);
    expect((await remote.publish(ref, [b])).replicas).to.equal(1);
    const ids = (await remote.fetch(ref)).map((e) => (e as { id: string }).id);
    expect(ids).to.deep.equal([a.id, b.id].sort());
    expect(await remote.fetch({ ...ref, salt: 'note/none' })).to.deep.equal([]);
  });

  it('watch holds a renewed lease at the primary, calls back on record_changed, and ends the lease on unsubscribe', async () => {
    const sim = createSimCrypto();
    const h = harness(sim);
    const book = sim.signerFromSeed(enc('notebook'));
    const key = await h.runtime.keyOf(toBase64url(book.publicKey), 'note/1');
    const leases = (): number => h.node.storeSnapshot().watchLeases;
    let calls = 0;
    const off = h.runtime.watch(key, () => calls++);
    expect(leases(), 'the lease is held at the primary (this ring of one)').to.equal(1);
    h.runtime.onEvent({ type: 'record_changed', key });
    h.runtime.onEvent({ type: 'record_changed', key: await h.runtime.keyOf(toBase64url(book.publicKey), 'other') });
    expect(calls).to.equal(1);
    h.fireTimers(); // the renewal
    expect(leases()).to.equal(1);
    off();
    expect(leases(), 'ended at once, not left to run out').to.equal(0);
    h.runtime.onEvent({ type: 'record_changed', key });
    expect(calls).to.equal(1);
  });

  it('a refused watch (a node not on a ring yet) is asked again until a primary holds it', async () => {
    const sim = createSimCrypto();
    const h = harness(sim, { create: false });
    const key = await h.runtime.keyOf(toBase64url(sim.signerFromSeed(enc('nb')).publicKey), 'index');
    const off = h.runtime.watch(key, () => undefined);
    expect(h.node.storeSnapshot().watchLeases).to.equal(0);
    h.create();
    h.fireTimers(); // the retry after the refusal
    expect(h.node.storeSnapshot().watchLeases).to.equal(1);
    off();
  });
});
