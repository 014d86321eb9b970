import { expect } from 'chai';
import { planReadRepair } from '../../../src/dht/replication/read-repair.ts';
import { canonicalJson } from '../../../src/dht/records/merge.ts';
import { asNodeId } from '../../../src/wire/ids.ts';
import { alice, mutable } from '../records/fixtures.ts';

const [a, b, c] = ['a', 'b', 'c'].map((h) => asNodeId(h.repeat(40)));

describe('read repair', () => {
  it('returns the join of the answers and names the replicas that were behind or empty', () => {
    const v1 = mutable(alice, 1, 'one');
    const v2 = mutable(alice, 2, 'two');
    const plan = planReadRepair([
      { node: a!, record: v1 },
      { node: b!, record: v2 },
      { node: c!, record: undefined },
    ]);
    expect(plan.record && canonicalJson(plan.record)).to.equal(canonicalJson(v2));
    expect(plan.repair).to.deep.equal([a, c]);
  });

  it('repairs nobody when all agree, and returns nothing when nobody has the key', () => {
    const v1 = mutable(alice, 1, 'one');
    expect(planReadRepair([{ node: a!, record: v1 }, { node: b!, record: v1 }]).repair).to.deep.equal([]);
    expect(planReadRepair([{ node: a!, record: undefined }])).to.deep.equal({ record: undefined, repair: [] });
  });
});
