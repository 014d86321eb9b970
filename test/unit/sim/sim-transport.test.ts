import { SimNetwork } from '../../../src/sim/sim-transport.ts';
import { runTransportContract } from '../../contract/transport-contract.ts';

const SEED = 5;

runTransportContract(
  'simulated network',
  () => {
    const net = new SimNetwork(SEED);
    return Promise.resolve({
      transport: (id) => net.transport(id),
      settle: () => {
        net.runFor(250);
        return Promise.resolve();
      },
    });
  },
  { seed: SEED, replay: 'npx mocha --no-config --node-option import=tsx test/unit/sim/sim-transport.test.ts' },
);
