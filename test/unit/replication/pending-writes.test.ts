import { expect } from 'chai';
import { createPendingWrites } from '../../../src/dht/replication/pending-writes.ts';
import { antiEntropyTarget } from '../../../src/dht/replication/anti-entropy.ts';
import { asKeyId, asNodeId } from '../../../src/wire/ids.ts';

const [a, b, c] = ['a', 'b', 'c'].map((h) => asNodeId(h.repeat(40))) as [ReturnType<typeof asNodeId>, ReturnType<typeof asNodeId>, ReturnType<typeof asNodeId>];
const key = asKeyId('9'.repeat(40));

describe('pending writes (primary side)', () => {
  it('settles a write once, at its W-th ack, and ignores late acks', () => {
    const pending = createPendingWrites<string>();
    pending.start(7, key, 'writer-1', [a, b, c], 2, 0);
    expect(pending.ack(7, a, 1)).to.equal(undefined);
    const settled = pending.ack(7, b, 2);
    expect(settled?.outcome.status).to.equal('acked');
    expect(settled?.origin).to.equal('writer-1');
    expect(pending.ack(7, c, 3)).to.equal(undefined);
    expect(pending.size).to.equal(0);
  });

  it('settles as rejected on refusals and as timeout from expire', () => {
    const pending = createPendingWrites<number>();
    pending.start(1, key, 1, [a, b, c], 2, 0, 100);
    pending.start(2, key, 2, [a, b, c], 2, 0, 100);
    pending.nack(1, { node: b, error: { code: 'stale', message: '' } }, 1);
    const rejected = pending.nack(1, { node: c, error: { code: 'stale', message: '' } }, 2);
    expect(rejected?.outcome.status === 'failed' && rejected.outcome.code).to.equal('rejected');
    expect(pending.expire(99)).to.deep.equal([]);
    const expired = pending.expire(100);
    expect(expired.map((w) => w.rid)).to.deep.equal([2]);
    expect(expired[0]?.outcome.status === 'failed' && expired[0].outcome.code).to.equal('timeout');
  });
});

describe('anti-entropy target', () => {
  it("rotates through the R−1 replicas of the node's primary range", () => {
    const view = { predecessor: a, successors: [c, b] };
    const self = asNodeId('b0'.padEnd(40, '0'));
    const targets = [0, 1, 2, 3].map((round) => antiEntropyTarget(self, view, round, 3)?.peer);
    expect(targets).to.deep.equal([c, b, c, b]);
    expect(antiEntropyTarget(self, view, 0, 3)?.range).to.deep.equal({ from: a, to: self });
    expect(antiEntropyTarget(self, { predecessor: undefined, successors: [c] }, 0)).to.equal(undefined);
    expect(antiEntropyTarget(self, { predecessor: a, successors: [] }, 0)).to.equal(undefined);
  });
});
