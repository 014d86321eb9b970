import { expect } from 'chai';
import { createQuorum, quorumOutcome, recordAck, recordNack } from '../../../src/dht/replication/quorum.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

const [a, b, c, x] = ['a', 'b', 'c', 'e'].map((h) => asNodeId(h.repeat(40))) as [ReturnType<typeof asNodeId>, ReturnType<typeof asNodeId>, ReturnType<typeof asNodeId>, ReturnType<typeof asNodeId>];

describe('write quorum', () => {
  it('acks at W of R, ignoring repeats and strangers', () => {
    let q = createQuorum([a, b, c], 2, 1000);
    q = recordAck(q, a);
    q = recordAck(q, a);
    q = recordAck(q, x);
    expect(quorumOutcome(q, 0).status).to.equal('pending');
    q = recordAck(q, c);
    expect(quorumOutcome(q, 0)).to.deep.include({ status: 'acked' });
  });

  it('fails as rejected with the replica rejection once W is out of reach', () => {
    let q = createQuorum([a, b, c], 2, 1000);
    q = recordNack(q, { node: a, error: { code: 'stale', message: 'older seq' } });
    expect(quorumOutcome(q, 0).status).to.equal('pending');
    q = recordNack(q, { node: b, error: { code: 'unreachable', message: 'link down' } });
    const out = quorumOutcome(q, 0);
    expect(out.status === 'failed' && out.code).to.equal('rejected');
    expect(out.status === 'failed' && out.rejection?.code).to.equal('stale');
  });

  it('fails as unreachable, or as timeout at the deadline, and caps W at the ring size', () => {
    let q = createQuorum([a, b], 2, 1000);
    q = recordNack(q, { node: a, error: { code: 'unreachable', message: '' } });
    const out = quorumOutcome(q, 0);
    expect(out.status === 'failed' && out.code).to.equal('unreachable');
    let t = createQuorum([a, b, c], 2, 1000);
    t = recordAck(t, a);
    expect(quorumOutcome(t, 999).status).to.equal('pending');
    const late = quorumOutcome(t, 1000);
    expect(late.status === 'failed' && late.code).to.equal('timeout');
    let alone = createQuorum([a], 2, 1000);
    alone = recordAck(alone, a);
    expect(quorumOutcome(alone, 0).status).to.equal('acked');
  });
});
