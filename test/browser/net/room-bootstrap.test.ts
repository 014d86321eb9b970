// The bootstrap room's own logic, with trystero replaced by a fake room and fake relay sockets:
// a relay socket still opening is slow, not unreachable (a refused one is unreachable soon); and
// the room counts the tabs it has heard announcing, and the members it is connected to, before
// and after us in trystero-id order.
// Replay: WTR_FILES=test/browser/net/room-bootstrap.test.ts npx web-test-runner --config web-test-runner.config.js
import { expect } from 'chai';
import type { JoinRoomConfig, Room } from 'trystero';
import { createRoomBootstrap, type RoomBootstrap, type RoomStatus } from '../../../src/net/room-bootstrap.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
async function eventually(condition: () => boolean, withinMs: number, what: string): Promise<void> {
  const until = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error(`not within ${withinMs} ms: ${what}`);
    await sleep(10);
  }
}
const SELF_PEER = 'm-self-peer';

/** A relay socket whose state the test sets, and which delivers the messages the test posts. */
class FakeSocket extends EventTarget {
  readyState: number = WebSocket.CONNECTING;
  deliver(data: string): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

interface FakeAction {
  send: (data: unknown, options?: { target?: string }) => Promise<void[]>;
  onMessage: ((data: unknown, meta: { peerId: string }) => void) | null;
}

/** Just enough of a trystero room: actions by name, and peer join/leave hooks. */
function fakeRoom() {
  const actions = new Map<string, FakeAction>();
  const room = {
    makeAction(name: string): FakeAction {
      const action: FakeAction = { send: () => Promise.resolve([]), onMessage: null };
      actions.set(name, action);
      return action;
    },
    leave: () => Promise.resolve(),
    onPeerJoin: null as ((peerId: string) => void) | null,
    onPeerLeave: null as ((peerId: string) => void) | null,
  };
  /** A peer connects and says its node id, as a member would. */
  const connect = (peerId: string, nodeId: string, ring: number): void => {
    room.onPeerJoin?.(peerId);
    actions.get('cp-id')?.onMessage?.(nodeId, { peerId });
    actions.get('cp-ring')?.onMessage?.(ring, { peerId });
  };
  return { room, connect };
}

const announce = (peerId: string): string =>
  JSON.stringify(['EVENT', 'sub', { kind: 20_000, tags: [['x', 'topic']], content: JSON.stringify({ peerId }) }]);

describe('room bootstrap (fake trystero)', function () {
  let room: RoomBootstrap | undefined;
  afterEach(async function () {
    await room?.leave();
    room = undefined;
  });

  function start(socket: FakeSocket, fake = fakeRoom()) {
    const reports: RoomStatus[] = [];
    room = createRoomBootstrap(
      { self: asNodeId('5'.repeat(40)), relayUrls: ['ws://127.0.0.1:1'], unreachableAfterMs: 150, connectingGraceMs: 900, pollMs: 25 },
      {
        joinRoom: (_config: JoinRoomConfig, _roomId: string) => fake.room as unknown as Room,
        getRelaySockets: () => ({ 'ws://127.0.0.1:1': socket as unknown as WebSocket }),
        selfPeerId: SELF_PEER,
        onStatus: (s) => reports.push(s),
      },
    );
    room.join();
    return { room, fake, reports };
  }

  it('a relay socket still opening is slow, not unreachable, until its grace runs out', async function () {
    const socket = new FakeSocket();
    const { room: r } = start(socket);
    await sleep(400); // well past unreachableAfterMs
    expect(r.status().state).to.equal('connecting');
    await eventually(() => r.status().state === 'unreachable', 3_000, 'unreachable after the grace');
  });

  it('a refused relay socket is unreachable after unreachableAfterMs', async function () {
    const socket = new FakeSocket();
    socket.readyState = WebSocket.CLOSED;
    const { room: r } = start(socket);
    await eventually(() => r.status().state === 'unreachable', 600, 'unreachable soon');
  });

  it('counts the tabs heard announcing and the members connected, before and after us', async function () {
    const socket = new FakeSocket();
    const { room: r, fake } = start(socket);
    expect(r.announcers(), 'no relay open yet').to.equal(null);
    socket.readyState = WebSocket.OPEN;
    await eventually(() => r.status().state === 'online', 1_000, 'online');
    expect(r.hearing()).to.equal(false);
    expect(r.announcers()).to.deep.equal({ lower: 0, higher: 0 });
    socket.deliver(announce('a-lower'));
    socket.deliver(announce('z-higher'));
    socket.deliver(announce(SELF_PEER));
    expect(r.hearing()).to.equal(true);
    expect(r.announcers()).to.deep.equal({ lower: 1, higher: 1 });
    // A member we are connected to counts once, whether or not we heard it announce.
    fake.connect('b-member', '1'.repeat(40), 4);
    fake.connect('a-lower', '2'.repeat(40), 0);
    expect(r.announcers()).to.deep.equal({ lower: 2, higher: 1 });
    expect(r.ringSize(asNodeId('1'.repeat(40)))).to.equal(4);
    // One that leaves the room is forgotten.
    fake.room.onPeerLeave?.('a-lower');
    expect(r.announcers()).to.deep.equal({ lower: 1, higher: 1 });
    expect(r.status().heard).to.equal(1);
  });

  it('reports tabs heard as they come, not only when its state changes', async function () {
    const socket = new FakeSocket();
    const { reports } = start(socket);
    socket.readyState = WebSocket.OPEN;
    await eventually(() => reports.some((s) => s.state === 'online'), 1_000, 'online reported');
    socket.deliver(announce('a-lower'));
    await eventually(() => reports.some((s) => s.hearing && s.heard === 1), 1_000, 'the first tab heard reported');
    socket.deliver(announce('z-higher'));
    await eventually(() => reports.some((s) => s.heard === 2), 1_000, 'the second tab heard reported');
  });
});
