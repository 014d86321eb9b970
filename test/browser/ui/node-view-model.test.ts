import { expect } from 'chai';
import { NodeViewModel, RECENT_LOOKUPS, ringSize } from '../../../src/ui/node-view-model.ts';
import type { NodeViewEvent } from '../../../src/ui/node-view.ts';

const id = (n: number): string => n.toString(16).padStart(40, '0');

describe('ui: NodeViewModel (what the runtime feeds)', () => {
  it('maps a core snapshot, counts hops, keeps the newest lookups, and notifies until unsubscribed', () => {
    const m = new NodeViewModel(id(1));
    const events: NodeViewEvent['type'][] = [];
    const off = m.subscribe((e) => events.push(e.type));
    expect(m.status).to.equal('joining');

    m.setTopology({ self: id(1), joined: true, predecessor: null, successors: [id(2), id(3)], fingers: [id(2), id(2), id(9)], links: [id(2), id(9)], estimatedSize: 7.6 });
    expect(m.status).to.equal('online');
    expect(m.predecessor).to.equal(undefined);
    expect(m.fingers).to.deep.equal([id(2), id(9)]);
    expect(m.links).to.equal(2);

    for (let i = 0; i < RECENT_LOOKUPS + 3; i++) m.addLookup({ target: id(100 + i), path: [id(1), id(2)], hops: i % 3 });
    expect(m.recentLookups).to.have.length(RECENT_LOOKUPS);
    expect(m.recentLookups[0]?.key).to.equal(id(100 + RECENT_LOOKUPS + 2));
    expect(m.hopsHistogram.reduce((a, b) => a + b, 0)).to.equal(RECENT_LOOKUPS + 3);

    m.setStatus('offline');
    m.setTopology({ self: id(1), joined: true, predecessor: id(5), successors: [], fingers: [], links: [], estimatedSize: 1 });
    expect(m.status).to.equal('offline'); // only setStatus leaves offline
    off();
    m.setStatus('online');
    expect(events.filter((e) => e === 'lookup')).to.have.length(RECENT_LOOKUPS + 3);
    expect(events.at(-1)).to.equal('changed');
    expect(events).to.have.length(1 + RECENT_LOOKUPS + 3 + 2);
  });

  it('maps the runtime status phases (discovering/joining → joining, online, stopped → offline)', () => {
    const m = new NodeViewModel(id(1));
    const base = { self: id(1), predecessor: id(7), successors: [id(2)], fingers: [id(2)], links: [id(2)], estimatedSize: 2 };
    m.setBrowserStatus({ ...base, phase: 'discovering' });
    expect(m.status).to.equal('joining');
    m.setBrowserStatus({ ...base, phase: 'online' });
    expect(m.status).to.equal('online');
    expect(m.predecessor).to.equal(id(7));
    m.setBrowserStatus({ ...base, phase: 'stopped' });
    expect(m.status).to.equal('offline');
    m.setBrowserStatus({ ...base, phase: 'online' });
    expect(m.status).to.equal('online');
  });

  it('knows the exact ring size when the successor list goes all the way round, else keeps the estimate', () => {
    expect(ringSize({ self: id(1), predecessor: id(9), successors: [id(3), id(5), id(9)] })).to.equal(4);
    expect(ringSize({ self: id(1), predecessor: id(3), successors: [id(3)] })).to.equal(2);
    expect(ringSize({ self: id(1), predecessor: id(1), successors: [id(1)] })).to.equal(1);
    expect(ringSize({ self: id(1), predecessor: id(9), successors: [id(3), id(5), id(7)] })).to.equal(undefined);
    const m = new NodeViewModel(id(1));
    m.setTopology({ self: id(1), joined: true, predecessor: id(9), successors: [id(3), id(5), id(9)], fingers: [], links: [], estimatedSize: 7.2 });
    expect(m.estimatedN).to.equal(4);
  });
});
