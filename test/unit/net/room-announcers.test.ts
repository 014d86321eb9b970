// Reading who is in the bootstrap room off the relay's messages (src/net/room-announcers.ts):
// trystero's announce is an EVENT whose content is `{"peerId": …}` alone; offers, answers and
// candidates are no announcements, but their senders are in the room as much; other message
// types and garbage say nothing.
import { expect } from 'chai';
import { announcementInEvent, createRoomAnnouncers, signalSenderOf } from '../../../src/net/room-announcers.ts';

const nostrEvent = (content: unknown, topic = 'room-topic') => ({ kind: 20_001, tags: [['x', topic]], content: typeof content === 'string' ? content : JSON.stringify(content) });
const event = (content: unknown, topic = 'room-topic'): string => JSON.stringify(['EVENT', 'sub-1', nostrEvent(content, topic)]);
const garbage = [event({ peerId: 42 }), event({ peerId: '' }), event({ peerId: 'abc', sdp: 'x' }), event('not json'), event([1, 2]), JSON.stringify(['OK', 'id', true, '']), JSON.stringify(['EVENT', 'sub-1', null]), '{', 42, null];

describe('room announcers', function () {
  it('reads a peer id and topic out of an announce, a passive one too, and nothing out of a signal', function () {
    expect(announcementInEvent(nostrEvent({ peerId: 'abc' }))).to.deep.equal({ peerId: 'abc', topic: 'room-topic' });
    expect(announcementInEvent(nostrEvent({ peerId: 'abc', passive: true }))).to.deep.equal({ peerId: 'abc', topic: 'room-topic' });
    for (const content of [{ peerId: 'abc', offer: 'sdp', offerId: 'o' }, { peerId: 'abc', answer: 'sdp' }, { peerId: 'abc', candidate: 'c' }, { peerId: 42 }, 'not json']) {
      expect(announcementInEvent(nostrEvent(content)), JSON.stringify(content)).to.equal(null);
    }
    expect(announcementInEvent({ content: JSON.stringify({ peerId: 'abc' }), tags: [] }), 'no topic').to.equal(null);
  });

  it('reads the sender of every kind of signal, and nothing out of other messages or garbage', function () {
    for (const content of [{ peerId: 'abc' }, { peerId: 'abc', offer: 'sdp', offerId: 'o' }, { peerId: 'abc', answer: 'sdp', offerId: 'o' }, { peerId: 'abc', candidate: 'c', passive: true }]) {
      expect(signalSenderOf(event(content)), JSON.stringify(content)).to.equal('abc');
    }
    for (const raw of garbage) expect(signalSenderOf(raw), String(raw)).to.equal(null);
  });

  it('counts the peers heard announcing or signalling us, and hears the room from the first of them on', function () {
    const socket = new EventTarget() as unknown as WebSocket;
    const announcers = createRoomAnnouncers('me', () => ({ 'ws://relay': socket }));
    announcers.watch();
    announcers.watch(); // a second look attaches no second listener
    const hear = (data: string): void => void socket.dispatchEvent(new MessageEvent('message', { data }));
    expect(announcers.hearing()).to.equal(false);
    for (const raw of garbage) hear(raw as string);
    expect([announcers.hearing(), announcers.heard()], 'garbage says nothing').to.deep.equal([false, []]);
    hear(event({ peerId: 'me' }));
    expect(announcers.hearing(), 'our own announce came back').to.equal(true);
    expect(announcers.heard()).to.deep.equal([]);
    hear(event({ peerId: 'b' }));
    hear(event({ peerId: 'b' }));
    // A tab before us in id order that was in the room before we listened answers our announce with an offer.
    hear(event({ peerId: 'a', offer: 'sdp', offerId: 'o' }, 'our-own-topic'));
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
