// trystero warms up a pool of offer RTCPeerConnections when a page joins a room while it is in no
// other; the bootstrap room's pool keeper (room-bootstrap.ts) makes that happen once per page
// instead of at every rejoin of the room discipline. Real trystero; the relay URL is a port nobody
// listens on, which is enough: trystero makes its pool on joining, before any relay answers.
// Replay: WTR_FILES=test/browser/net/room-pool-keeper.test.ts npx web-test-runner --config web-test-runner.config.js
import { expect } from 'chai';
import { createRoomBootstrap } from '../../../src/net/room-bootstrap.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

class CountingRTCPeerConnection extends RTCPeerConnection {
  static created = 0;
  constructor(config?: RTCConfiguration) {
    super(config);
    CountingRTCPeerConnection.created++;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function bootstrapRoom(roomId: string) {
  return createRoomBootstrap(
    { self: asNodeId('7'.repeat(40)), relayUrls: ['ws://127.0.0.1:9'], roomId, rtcConfig: { iceServers: [] } },
    { rtcPolyfill: CountingRTCPeerConnection },
  );
}

describe('room bootstrap: trystero offer pool kept across rejoins', function () {
  this.timeout(20_000);

  it('rejoining the room makes no new pool; only a join after stop() does', async function () {
    const roomId = `pool-keeper-${Math.random().toString(36).slice(2)}`;
    const room = bootstrapRoom(roomId);
    room.join();
    await sleep(200);
    const pool = CountingRTCPeerConnection.created;
    expect(pool, "trystero's offer pool on the first join").to.be.at.least(10);

    for (let i = 0; i < 3; i++) {
      await room.leave();
      room.join();
      await sleep(200);
    }
    expect(CountingRTCPeerConnection.created - pool, 'made by three leave-and-join cycles').to.be.below(5);

    // The control: once the page is in no room at all, trystero drops its pool and the next join makes one anew.
    await room.stop();
    const again = bootstrapRoom(roomId);
    const before = CountingRTCPeerConnection.created;
    again.join();
    await sleep(200);
    expect(CountingRTCPeerConnection.created - before, 'a join after stop()').to.be.at.least(10);
    await again.stop();
  });
});
