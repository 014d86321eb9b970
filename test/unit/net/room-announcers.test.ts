// Reading who is in the bootstrap room off the relay's messages (src/net/room-announcers.ts):
// trystero's announce is an EVENT whose content is `{"peerId": …}` alone; offers, answers and
// candidates, other message types and garbage are no announcements.
import { expect } from 'chai';
import { announcementOf, createRoomAnnouncers } from '../../../src/net/room-announcers.ts';

const event = (content: unknown, topic = 'room-topic'): string =>
  JSON.stringify(['EVENT', 'sub-1', { kind: 20_001, tags: [['x', topic]], content: typeof content === 'string' ? content : JSON.stringify(content) }]);

describe('room announcers', function () {
  it('reads a peer id and topic out of an announce, a passive one too', function () {
    expect(announcementOf(event({ peerId: 'abc' }))).to.deep.equal({ peerId: 'abc', topic: 'room-topic' });
    expect(announcementOf(event({ peerId: 'abc', passive: true }))).to.deep.equal({ peerId: 'abc', topic: 'room-topic' });
  });

  it('is not fooled by signals, other messages or garbage', function () {
    for (const raw of [
      event({ peerId: 'abc', offer: 'sdp', offerId: 'o' }),
      event({ peerId: 'abc', answer: 'sdp' }),
      event({ peerId: 'abc', candidate: 'c' }),
      event({ peerId: 42 }),
      event({ peerId: '' }),
      event('not json'),
      event([1, 2]),
      JSON.stringify(['OK', 'id', true, '']),
      JSON.stringify(['EVENT', 'sub-1', { content: JSON.stringify({ peerId: 'abc' }), tags: [] }]),
      JSON.stringify(['EVENT', 'sub-1', null]),
      '{',
      42,
      null,
    ]) {
      expect(announcementOf(raw), String(raw)).to.equal(null);
    }
  });

  it('counts the peers heard announcing, and hears the room from the first announce on', function () {
    const socket = new EventTarget() as unknown as WebSocket;
    const announcers = createRoomAnnouncers('me', () => ({ 'ws://relay': socket }));
    announcers.watch();
    announcers.watch(); // a second look attaches no second listener
    const hear = (data: string): void => void socket.dispatchEvent(new MessageEvent('message', { data }));
    expect(announcers.hearing()).to.equal(false);
    hear(event({ peerId: 'b', offer: 'sdp' }));
    expect(announcers.hearing(), 'a signal is no announce').to.equal(false);
    hear(event({ peerId: 'me' }));
    expect(announcers.hearing(), 'our own announce came back').to.equal(true);
    expect(announcers.heard()).to.deep.equal([]);
    hear(event({ peerId: 'b' }));
    hear(event({ peerId: 'b' }));
    hear(event({ peerId: 'a' }));
    expect(announcers.heard().sort()).to.deep.equal(['a', 'b']);
    announcers.forget('a');
    expect(announcers.heard()).to.deep.equal(['b']);
    announcers.reset();
    expect([announcers.hearing(), announcers.heard()], 'a rejoin listens anew').to.deep.equal([false, []]);
    hear(event({ peerId: 'c' }));
    expect([announcers.hearing(), announcers.heard()], "another tab's announce is enough to hear the room").to.deep.equal([true, ['c']]);
    announcers.close();
    hear(event({ peerId: 'd' }));
    expect(announcers.heard()).to.deep.equal([]);
  });
});
