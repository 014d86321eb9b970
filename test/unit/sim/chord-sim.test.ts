import { expect } from 'chai';
import { createChordSimulation } from '../../../src/sim/chord-sim.ts';
import { checkInvariants } from '../../../src/sim/invariants.ts';
import { runSafetySeed } from '../../../src/sim/experiments/safety.ts';
import type { NodeId } from '../../../src/wire/ids.ts';

const SEED = Number(globalThis.process?.env?.['SIM_SEED'] ?? 7);
const FAST = { stabilizeMs: 1000, fixFingersMs: 4000, hopTimeoutMs: 300, requestTimeoutMs: 600, lookupTimeoutMs: 4000 };

describe('Chord core in the simulator', () => {
  it('protocol joins converge to the exact ring and every lookup returns the oracle owner', () => {
    const sim = createChordSimulation({ nodes: 40, seed: SEED, successors: 4, chord: FAST, joinIntervalMs: 500 });
    sim.build();
    sim.runFor(60_000);
    expect(checkInvariants(sim, true), `seed ${SEED}: SIM_SEED=${SEED} npx mocha --no-config --node-option import=tsx --timeout 120000 test/unit/sim/chord-sim.test.ts`).to.deep.equal([]);
    const ids = sim.liveIds();
    const outcomes = sim.runLookups(Array.from({ length: 300 }, () => ({ from: ids[sim.rng.int(ids.length)] as NodeId, key: sim.randomId() })), 5);
    expect(outcomes.filter((o) => !o?.correct).length, `seed ${SEED}`).to.equal(0);
  });

  it('lookups survive a third of the nodes crashing silently (hop retries, no failed lookup)', () => {
    const sim = createChordSimulation({ nodes: 300, seed: SEED, build: 'warm', network: { crashDetectMs: Infinity } });
    sim.build();
    const ids = sim.liveIds();
    sim.crash(ids.filter((_, i) => i % 3 === 0));
    const live = sim.liveIds();
    const outcomes = sim.runLookups(Array.from({ length: 500 }, () => ({ from: live[sim.rng.int(live.length)] as NodeId, key: sim.randomId() })), 2);
    expect(outcomes.filter((o) => !o?.correct).length, `seed ${SEED}`).to.equal(0);
    expect(outcomes.some((o) => (o?.timeouts ?? 0) > 0)).to.equal(true);
  });

  it('a joining node becomes an owner in the oracle when its successor takes it as predecessor', () => {
    const sim = createChordSimulation({ nodes: 12, seed: SEED, successors: 3, chord: FAST, joinIntervalMs: 500 });
    sim.build();
    const joiner = sim.joinNode();
    const replay = `seed ${SEED}: SIM_SEED=${SEED} npx mocha --no-config --node-option import=tsx --timeout 120000 test/unit/sim/chord-sim.test.ts`;
    for (let steps = 0; !sim.oracle.has(joiner); steps++) {
      expect(steps, replay).to.be.below(100_000);
      sim.step();
    }
    const successor = sim.oracle.successor(joiner);
    expect(sim.node(successor)?.snapshot().predecessor, replay).to.equal(joiner);
    expect(sim.node(joiner)?.joined, replay).to.equal(true);
  });

  it('virtual nodes: hosts of 4 positions join by protocol, lookups find the owner, a crashed host takes all 4 along', () => {
    const sim = createChordSimulation({ nodes: 12, seed: SEED, successors: 4, virtualNodes: 4, chord: FAST, joinIntervalMs: 500 });
    sim.build();
    sim.runFor(30_000);
    const replay = `seed ${SEED}: SIM_SEED=${SEED} npx mocha --no-config --node-option import=tsx --timeout 120000 test/unit/sim/chord-sim.test.ts`;
    expect(sim.liveHosts(), replay).to.have.length(12);
    expect(sim.liveIds(), replay).to.have.length(48);
    expect(checkInvariants(sim, true), replay).to.deep.equal([]);
    const lookups = (): (boolean | undefined)[] => {
      const hosts = sim.liveHosts();
      const results: (boolean | undefined)[] = [];
      for (let i = 0; i < 200; i++) {
        sim.startHostLookup(hosts[sim.rng.int(hosts.length)] as NodeId, sim.randomId(), (o) => {
          results[i] = o.correct;
        });
      }
      sim.runFor(20_000);
      return results;
    };
    expect(lookups().filter((ok) => ok !== true), replay).to.deep.equal([]);
    const victim = sim.liveHosts()[0] as NodeId;
    sim.crashHost(victim);
    expect(sim.positionsOf(victim), replay).to.deep.equal([]);
    expect(sim.liveIds(), replay).to.have.length(44);
    sim.runFor(30_000);
    expect(checkInvariants(sim, true), replay).to.deep.equal([]);
    expect(lookups().filter((ok) => ok !== true), replay).to.deep.equal([]);
  });

  it('replays the same run from the same seed', () => {
    const run = (): number[] => {
      const sim = createChordSimulation({ nodes: 20, seed: 99, successors: 3, chord: FAST, joinIntervalMs: 300 });
      sim.build();
      return [sim.totals.messages, sim.totals.bytes, sim.now];
    };
    expect(run()).to.deep.equal(run());
  });

  it('safety schedules: joins, crashes and partition-and-heal keep Zave invariants (50 seeds here, 1000 in npm test via the CLI)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const failure = runSafetySeed(seed);
      expect(failure, failure ? `${JSON.stringify(failure.violations)} — replay: ${failure.replay}` : '').to.equal(null);
    }
  });
});
