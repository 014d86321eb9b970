// Two rings that formed apart (tabs starting together, a relay outage) merge into one once a
// member of one meets a member of the other (ring-merge.ts), and stay correct.
import { expect } from 'chai';
import { createChordSimulation } from '../../../src/sim/chord-sim.ts';
import { checkInvariants } from '../../../src/sim/invariants.ts';
import type { NodeId } from '../../../src/wire/ids.ts';

const SEED = Number(globalThis.process?.env?.['SIM_SEED'] ?? 11);
const replay = (seed: number): string => `SIM_SEED=${seed} npx mocha --no-config --node-option import=tsx --timeout 120000 test/unit/sim/ring-merge.test.ts`;
const FAST = { stabilizeMs: 1000, fixFingersMs: 4000, hopTimeoutMs: 300, requestTimeoutMs: 600, lookupTimeoutMs: 4000 };

/** `count` rings of `size` nodes each, every one built by protocol joins through its own first node. */
function apartRings(seed: number, count: number, size: number) {
  const sim = createChordSimulation({ nodes: 0, seed, successors: 4, chord: FAST });
  return { sim, rings: sim.createApartRings(count, size) };
}

describe('rings that formed apart merge once their members meet', () => {
  for (const [count, size] of [[2, 15], [3, 8]] as const) {
    it(`${count} rings of ${size} nodes: one introduction between each pair of neighbours' rings gives one exact ring`, () => {
      for (let seed = SEED; seed < SEED + 5; seed++) {
        const { sim, rings } = apartRings(seed, count, size);
        const before = checkInvariants(sim, true);
        expect(before.length, `${count} separate rings are seen as such — ${replay(seed)}`).to.be.greaterThan(0);
        // The bootstrap room: one member of each ring meets one member of the next ring.
        for (let r = 0; r < count; r++) {
          const a = rings[r]?.[seed % size] as NodeId;
          const b = rings[(r + 1) % count]?.[(seed * 7) % size] as NodeId;
          sim.introduce(a, b);
        }
        sim.runFor(25_000);
        // Bridges (links kept open for the merge) are let go once their peer is on our ring,
        // well before their 60 s limit: they are links over the budget.
        const bridged = sim.liveIds().filter((id) => (sim.node(id)?.snapshot().bridges.length ?? 0) > 0);
        expect(bridged, `nodes still holding bridges 25 s after the merge began, seed ${seed}: ${replay(seed)}`).to.deep.equal([]);
        // The room shows greeters to each other again and again: peers found on our ring are not bridged anew.
        const [a, b] = [rings[0]?.[seed % size] as NodeId, rings[1 % count]?.[(seed * 7) % size] as NodeId];
        sim.introduce(a, b);
        sim.runFor(1_000);
        expect(sim.node(a)?.snapshot().bridges, `a bridge again to a peer on our ring, seed ${seed}: ${replay(seed)}`).to.deep.equal([]);
        sim.runFor(35_000);
        expect(checkInvariants(sim, true), `seed ${seed}: ${replay(seed)}`).to.deep.equal([]);
        const ids = sim.liveIds();
        expect(ids.length).to.equal(count * size);
        const outcomes = sim.runLookups(Array.from({ length: 200 }, () => ({ from: ids[sim.rng.int(ids.length)] as NodeId, key: sim.randomId() })), 5);
        expect(outcomes.filter((o) => !o?.correct).length, `wrong or failed lookups, seed ${seed}: ${replay(seed)}`).to.equal(0);
      }
    });
  }

});
