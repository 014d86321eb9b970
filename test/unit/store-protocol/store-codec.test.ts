// The store's messages travel through the one codec: every sample round-trips, and routed store
// payloads (put, get, watch, changed) and their answers keep their fields.
import { expect } from 'chai';
import { decode, encode } from '../../../src/wire/codec.ts';
import { STORE_MESSAGE_TYPES, type Message } from '../../../src/wire/messages.ts';
import { A, B, KEY, RECORD_SAMPLE, SAMPLES } from '../wire/fixtures.ts';

describe('store messages through the wire codec', () => {
  for (const type of STORE_MESSAGE_TYPES) {
    it(`decode(encode(m)) equals m for every ${type} sample`, () => {
      for (const message of SAMPLES[type]) expect(decode(encode(message))).to.deep.equal(message);
    });
  }

  it('routes store_put, store_get, store_watch and store_changed, and their answers along the reverse path', () => {
    const messages: Message[] = [
      { type: 'route', lid: 1, origin: A, target: KEY, hops: 0, timeouts: 0, path: [], final: false, reply: true, via: null, payload: { kind: 'store_put', key: KEY, record: RECORD_SAMPLE } },
      { type: 'route', lid: 2, origin: A, target: KEY, hops: 1, timeouts: 0, path: [A], final: true, reply: true, via: null, payload: { kind: 'store_get', key: KEY } },
      { type: 'route_reply', lid: 1, origin: A, payload: { kind: 'stored', key: KEY, acks: [A, B] } },
      { type: 'route_reply', lid: 1, origin: A, payload: { kind: 'store_failed', key: KEY, code: 'forged', message: 'signature does not verify' } },
      { type: 'route_reply', lid: 2, origin: A, payload: { kind: 'record', key: KEY, record: RECORD_SAMPLE, replicas: [A, B] } },
      { type: 'route', lid: 3, origin: A, target: KEY, hops: 0, timeouts: 0, path: [], final: false, reply: true, via: null, payload: { kind: 'store_watch', key: KEY, ttlMs: 60_000 } },
      { type: 'route_reply', lid: 3, origin: A, payload: { kind: 'watching', key: KEY, ttlMs: 60_000 } },
      { type: 'route', lid: 9, origin: B, target: A, hops: 0, timeouts: 0, path: [], final: false, reply: false, via: null, payload: { kind: 'store_changed', key: KEY, watcher: A } },
    ];
    for (const message of messages) expect(decode(encode(message))).to.deep.equal(message);
  });
});
