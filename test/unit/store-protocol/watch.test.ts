// Watches (DESIGN.md §6): a reader holding a lease at a key's primary is told when the record
// changes, routed to its own id, instead of polling; the writer is not told of its own write; a
// lease runs out unless renewed, and ttl 0 ends it. Seeded; a failure prints the replay command.
import { expect } from 'chai';
import type { ChordEvent } from '../../../src/dht/effects.ts';
import type { ChordSimulation } from '../../../src/sim/chord-sim.ts';
import type { KeyId, NodeId } from '../../../src/wire/ids.ts';
import { activeWatchers, MAX_WATCHERS_PER_KEY, setLease, type WatchLeases } from '../../../src/dht/replicated-store/watch-leases.ts';
import { mutableFor, putSync, replay, storeRing, testSeed, writer } from './sim-store.ts';

const FILE = 'test/unit/store-protocol/watch.test.ts';

/** Records every record_changed and watch answer, by node. */
function listen(sim: ChordSimulation): { changed: Map<NodeId, KeyId[]>; answers: Map<NodeId, ChordEvent[]> } {
  const changed = new Map<NodeId, KeyId[]>();
  const answers = new Map<NodeId, ChordEvent[]>();
  sim.onEvent = (id, event) => {
    if (event.type === 'record_changed') changed.set(id, [...(changed.get(id) ?? []), event.key]);
    if (event.type === 'watch_done' || event.type === 'watch_failed') answers.set(id, [...(answers.get(id) ?? []), event]);
  };
  return { changed, answers };
}

function twoDistinct(sim: ChordSimulation): [NodeId, NodeId] {
  const a = sim.randomLiveId();
  let b = sim.randomLiveId();
  while (b === a) b = sim.randomLiveId();
  return [a, b];
}

describe('watches on the replicated store (simulator)', () => {
  it('a watcher is told of another node’s write within the routing delay, the writer is not', () => {
    const seed = testSeed(31);
    const sim = storeRing(seed);
    const heard = listen(sim);
    const alice = writer(sim, 'alice');
    for (let round = 0; round < 10; round++) {
      const [watcher, author] = twoDistinct(sim);
      const v1 = mutableFor(sim, alice, `note-${round}`, 1, 'first');
      sim.startWatch(watcher, v1.key, 60_000);
      sim.runFor(2_000);
      const answer = heard.answers.get(watcher)?.at(-1);
      expect(answer?.type, `${replay(seed, FILE)}: ${JSON.stringify(answer)}`).to.equal('watch_done');
      const before = heard.changed.get(watcher)?.length ?? 0;
      const writtenAt = sim.now;
      expect(putSync(sim, author, v1.key, v1.record).ok, replay(seed, FILE)).to.equal(true);
      sim.runFor(2_000);
      const got = heard.changed.get(watcher) ?? [];
      expect(got.slice(before), `${replay(seed, FILE)}: round ${round}, written at ${writtenAt}`).to.deep.equal([v1.key]);
      expect(heard.changed.get(author)?.includes(v1.key) ?? false, replay(seed, FILE)).to.equal(false);
    }
  });

  it('a lease runs out unless renewed, and ttl 0 ends it at once', () => {
    const seed = testSeed(32);
    const sim = storeRing(seed);
    const heard = listen(sim);
    const alice = writer(sim, 'alice');
    const [watcher, author] = twoDistinct(sim);
    const count = (): number => heard.changed.get(watcher)?.length ?? 0;
    const v = (seq: number) => mutableFor(sim, alice, 'n', seq, `v${seq}`);
    sim.startWatch(watcher, v(1).key, 10_000);
    sim.runFor(1_000);
    putSync(sim, author, v(1).key, v(1).record);
    sim.runFor(1_000);
    expect(count(), replay(seed, FILE)).to.equal(1);
    sim.runFor(10_000); // the lease ran out
    putSync(sim, author, v(2).key, v(2).record);
    sim.runFor(1_000);
    expect(count(), `${replay(seed, FILE)}: notified after the lease ran out`).to.equal(1);
    sim.startWatch(watcher, v(1).key, 60_000);
    sim.runFor(1_000);
    sim.startWatch(watcher, v(1).key, 0);
    sim.runFor(1_000);
    putSync(sim, author, v(3).key, v(3).record);
    sim.runFor(1_000);
    expect(count(), `${replay(seed, FILE)}: notified after the lease was ended`).to.equal(1);
  });

  it('after the primary crashes, the next renewal finds the new primary and notifications resume', () => {
    const seed = testSeed(33);
    const sim = storeRing(seed, 12);
    const heard = listen(sim);
    const alice = writer(sim, 'alice');
    const v = (seq: number) => mutableFor(sim, alice, 'n', seq, `v${seq}`);
    const owner = sim.oracle.owner(v(1).key);
    let [watcher, author] = twoDistinct(sim);
    while (watcher === owner || author === owner) [watcher, author] = twoDistinct(sim);
    sim.startWatch(watcher, v(1).key, 60_000);
    sim.runFor(1_000);
    sim.crash([owner]);
    sim.runFor(60_000); // the ring repairs; the lease at the crashed primary is gone with it
    sim.startWatch(watcher, v(1).key, 60_000); // the runtime renews every 20 s
    sim.runFor(2_000);
    const answer = heard.answers.get(watcher)?.at(-1);
    expect(answer?.type, `${replay(seed, FILE)}: ${JSON.stringify(answer)}`).to.equal('watch_done');
    expect(putSync(sim, author, v(1).key, v(1).record).ok, replay(seed, FILE)).to.equal(true);
    sim.runFor(2_000);
    expect(heard.changed.get(watcher) ?? [], replay(seed, FILE)).to.deep.equal([v(1).key]);
  });
});

describe('watch leases (pure)', () => {
  const key = '1'.repeat(40) as KeyId;
  const node = (i: number): NodeId => i.toString(16).padStart(40, '0') as NodeId;

  it('grants, renews, expires and ends leases', () => {
    const leases: WatchLeases = new Map();
    expect(setLease(leases, key, node(1), 1_000, 0)).to.deep.equal({ ok: true, ttlMs: 1_000 });
    expect(activeWatchers(leases, key, 999)).to.deep.equal([node(1)]);
    expect(activeWatchers(leases, key, 1_000)).to.deep.equal([]);
    expect(leases.size, 'an expired lease leaves nothing behind').to.equal(0);
    setLease(leases, key, node(1), 1_000, 0);
    setLease(leases, key, node(1), 1_000, 900); // renewed
    expect(activeWatchers(leases, key, 1_500)).to.deep.equal([node(1)]);
    setLease(leases, key, node(1), 0, 1_500);
    expect(activeWatchers(leases, key, 1_500)).to.deep.equal([]);
  });

  it('refuses a watcher over the per-key bound until a lease runs out', () => {
    const leases: WatchLeases = new Map();
    for (let i = 0; i < MAX_WATCHERS_PER_KEY; i++) expect(setLease(leases, key, node(i), 1_000, 0).ok).to.equal(true);
    expect(setLease(leases, key, node(MAX_WATCHERS_PER_KEY), 1_000, 0).ok).to.equal(false);
    expect(setLease(leases, key, node(0), 1_000, 500).ok, 'renewing is always allowed').to.equal(true);
    expect(setLease(leases, key, node(MAX_WATCHERS_PER_KEY), 1_000, 1_200).ok, 'after most leases ran out').to.equal(true);
  });
});
