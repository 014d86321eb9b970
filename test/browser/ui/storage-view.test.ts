import { expect } from 'chai';
import { inRange, storageView } from '../../../src/ui/storage-view.ts';

const id = (n: number): string => n.toString(16).padStart(40, '0');

describe('ui: storageView (replication health from the node’s own view)', () => {
  it('(from, to] wraps around zero, and from === to is the whole ring', () => {
    expect(inRange(id(5), id(3), id(9))).to.equal(true);
    expect(inRange(id(3), id(3), id(9))).to.equal(false);
    expect(inRange(id(9), id(3), id(9))).to.equal(true);
    expect(inRange(id(1), id(9), id(3))).to.equal(true);
    expect(inRange(id(12), id(9), id(3))).to.equal(true);
    expect(inRange(id(5), id(9), id(3))).to.equal(false);
    expect(inRange(id(5), id(7), id(7))).to.equal(true);
  });

  it('own keys are fully replicated when R−1 successors are linked, else under-replicated; the rest are copies', () => {
    const base = { self: id(10), predecessor: id(5), successors: [id(20), id(30), id(40)], keys: [id(6), id(10), id(3), id(25)], replicas: 3 };
    const full = storageView({ ...base, links: [id(20), id(30)] });
    expect(full.records).to.equal(4);
    expect(full.storedKeys.filter((k) => k.primary).map((k) => k.key)).to.deep.equal([id(6), id(10)]);
    expect(full.replication).to.deep.equal({ healthy: 2, underReplicated: 0, replicaCopies: 2, replicas: 3, liveReplicas: 3 });
    expect(full.storedRanges).to.deep.equal([{ from: id(5), to: id(10), primary: true }]);

    const short = storageView({ ...base, links: [id(30)] });
    expect(short.replication).to.deep.equal({ healthy: 0, underReplicated: 2, replicaCopies: 2, replicas: 3, liveReplicas: 2 });
  });

  it('a ring smaller than R is under-replicated; an unknown predecessor judges nothing', () => {
    const pair = storageView({ self: id(10), predecessor: id(20), successors: [id(20)], links: [id(20)], keys: [id(15), id(25)], replicas: 3 });
    expect(pair.replication).to.include({ healthy: 0, underReplicated: 1, replicaCopies: 1, liveReplicas: 2 });
    const joining = storageView({ self: id(10), predecessor: null, successors: [], links: [], keys: [id(15)], replicas: 3 });
    expect(joining.replication).to.include({ healthy: 0, underReplicated: 0, replicaCopies: 1 });
    expect(joining.storedRanges).to.deep.equal([]);
  });
});
