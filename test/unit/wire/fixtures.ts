// Sample wire messages shared by the codec tests, the fuzz test and the codec benchmark: at least
// one of every type in MESSAGE_TYPES, with readable ids so the golden frames can be read by eye.
import { asKeyId, asNodeId, type NodeId } from '../../../src/wire/ids.ts';
import type { Message, MessageType, MessageOf } from '../../../src/wire/messages.ts';

/** A readable 160-bit id: the hex digit `d` repeated (`id('a')` = "aaaa…"). */
export const id = (d: string): NodeId => asNodeId(d.repeat(40));

export const A = id('a');
export const B = id('b');
export const C = id('c');
export const D = id('d');
export const E = id('e');
export const F = id('f');
export const KEY = asKeyId('0123456789abcdef0123456789abcdef01234567');

/** Second samples of the types whose variants matter (null predecessor, signal payload, failure). */
export const NEIGHBORS_EMPTY: MessageOf<'neighbors'> = { type: 'neighbors', rid: 13, predecessor: null, successors: [] };
export const ROUTE_SIGNAL: MessageOf<'route'> = {
  type: 'route',
  lid: 9,
  origin: E,
  target: F,
  hops: 0,
  timeouts: 0,
  path: [],
  final: true,
  reply: false,
  via: B,
  payload: { kind: 'signal', to: F, data: '{"sdp":"v=0\\r\\n…","type":"offer"} ✓' },
};
export const REPLY_FAILED: MessageOf<'route_reply'> = { type: 'route_reply', lid: 4, origin: A, payload: { kind: 'failed', code: 'hop_limit' } };

/** A record-shaped sample for the store messages (shape only: the codec does not verify signatures). */
export const RECORD_SAMPLE = { type: 'mutable' as const, publicKey: 'A'.repeat(43), salt: 'note', seq: 3, value: 'aGk', sig: 'B'.repeat(86) };
const RANGE_SAMPLE = { from: A, to: B };

/** One or more samples per message type; the mapped type keeps this exhaustive over MessageType. */
export const SAMPLES: { [T in MessageType]: [MessageOf<T>, ...MessageOf<T>[]] } = {
  ping: [{ type: 'ping', rid: 7 }],
  pong: [{ type: 'pong', rid: 4294967295 }],
  get_neighbors: [{ type: 'get_neighbors', rid: 0 }],
  neighbors: [
    { type: 'neighbors', rid: 12, predecessor: A, successors: [C, D] },
    NEIGHBORS_EMPTY,
    // From a node with fingers by rank: ranks 1, 2, 4.
    { type: 'neighbors', rid: 14, predecessor: A, successors: [C, D, B], fingers: [C, D, A] },
  ],
  rectify: [{ type: 'rectify' }],
  successor_hint: [{ type: 'successor_hint', candidate: C }],
  introduce: [{ type: 'introduce', candidate: C }],
  leave: [{ type: 'leave', predecessor: A, successors: [C, D] }],
  route: [
    {
      type: 'route',
      lid: 3,
      origin: A,
      target: KEY,
      hops: 2,
      timeouts: 1,
      path: [A, B],
      final: false,
      reply: true,
      via: null,
      payload: { kind: 'lookup' },
    },
    ROUTE_SIGNAL,
  ],
  route_ack: [{ type: 'route_ack', lid: 3, origin: A }],
  route_reply: [
    {
      type: 'route_reply',
      lid: 3,
      origin: A,
      payload: { kind: 'found', owner: C, successors: [D, E], hops: 2, timeouts: 1, path: [A, B] },
    },
    REPLY_FAILED,
  ],
  relay_signal: [{ type: 'relay_signal', from: E, data: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host' }],
  store_replicate: [{ type: 'store_replicate', rid: 21, key: KEY, record: RECORD_SAMPLE }],
  store_ack: [{ type: 'store_ack', rid: 21, key: KEY }],
  store_nack: [{ type: 'store_nack', rid: 21, key: KEY, code: 'stale', message: 'older seq' }],
  store_fetch: [{ type: 'store_fetch', rid: 22, key: KEY }],
  store_value: [{ type: 'store_value', rid: 22, key: KEY, record: null }],
  store_digest: [{ type: 'store_digest', rid: 23, range: RANGE_SAMPLE, digests: [{ range: RANGE_SAMPLE, count: 1, hash: '0123456789abcdef' }] }],
  store_summaries: [{ type: 'store_summaries', rid: 23, ranges: [RANGE_SAMPLE], summaries: [{ key: KEY, fingerprint: '0123456789abcdef' }], more: false }],
  store_pull: [{ type: 'store_pull', rid: 24, keys: [KEY], range: null }],
  store_transfer: [{ type: 'store_transfer', rid: 24, records: [{ key: KEY, record: RECORD_SAMPLE }], done: true }],
};

/** Every sample, flattened. */
export const ALL_SAMPLES: Message[] = Object.values(SAMPLES).flat();
