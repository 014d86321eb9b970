// Wire codec benchmark (`npx tsx scripts/bench-codec.ts`): encode and decode time per message and
// the JSON frame size of typical messages, beside the size a compact binary layout would have.
// The binary size is COMPUTED BY FORMULA (compactBytes below), not measured: no binary codec exists.
// Figures and the reasoning for JSON are in docs/wire.md. Timings are wall-clock on a shared
// machine: read them as orders of magnitude.
import { performance } from 'node:perf_hooks';
import { decode, encode } from '../src/wire/codec.ts';
import { asNodeId, type NodeId } from '../src/wire/ids.ts';
import type { Message } from '../src/wire/messages.ts';
import { createPrng, randomHex } from '../src/dht/prng.ts';

/** Iterations per timed batch, and batches per figure (the median batch is reported). */
const ITERATIONS = 20_000;
const BATCHES = 7;

const rng = createPrng(1);
const id = (): NodeId => asNodeId(randomHex(rng, 40));
const ids = (n: number): NodeId[] => Array.from({ length: n }, id);

/** An SDP offer of typical size (~1.5 KB, one data channel, a dozen host candidates) for the signal case: text with CRLF line ends. */
const sdp = ['v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS', 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0']
  .concat(Array.from({ length: 12 }, (_, i) => `a=candidate:${1000 + i} 1 udp 2122260223 192.168.1.${i} 5${i}000 typ host generation 0 network-id 1`))
  .concat(['a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdefghijklmn', 'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, () => 'AB').join(':'), 'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144'])
  .join('\r\n');

const cases: { name: string; message: Message }[] = [
  { name: 'ping', message: { type: 'ping', rid: 1234 } },
  { name: 'neighbors, 20 successors', message: { type: 'neighbors', rid: 1234, predecessor: id(), successors: ids(20) } },
  {
    name: 'route lookup, 5-hop path',
    message: { type: 'route', lid: 5678, origin: id(), target: id(), hops: 5, timeouts: 0, path: ids(5), final: false, reply: true, via: null, payload: { kind: 'lookup' } },
  },
  {
    name: 'route_reply found, 20 succ., 5-hop path',
    message: { type: 'route_reply', lid: 5678, origin: id(), payload: { kind: 'found', owner: id(), successors: ids(20), hops: 5, timeouts: 0, path: ids(5) } },
  },
  {
    name: `route signal, ${sdp.length} B SDP`,
    message: { type: 'route', lid: 5679, origin: id(), target: id(), hops: 3, timeouts: 0, path: ids(3), final: false, reply: false, via: null, payload: { kind: 'signal', to: id(), data: sdp } },
  },
];

// --- The compact binary layout, by formula -------------------------------------------------
// version (1 B) + type tag (1 B); ids as 20 raw bytes; rid/lid/hops/timeouts as LEB128 varints;
// lists and strings as varint length + items (strings as UTF-8); a nullable id as 1 presence
// byte (+20); route's booleans, via presence and payload kind packed in one flags byte.
const HEADER = 2;
const ID = 20;
const varint = (n: number): number => (n < 2 ** 7 ? 1 : n < 2 ** 14 ? 2 : n < 2 ** 21 ? 3 : n < 2 ** 28 ? 4 : 5);
const idList = (list: readonly NodeId[]): number => varint(list.length) + ID * list.length;
const text = (s: string): number => {
  const n = new TextEncoder().encode(s).byteLength;
  return varint(n) + n;
};
const nullableId = (x: NodeId | null): number => 1 + (x === null ? 0 : ID);

/** Store messages carry records (JSON text either way): counted as their JSON text. */
function compactBytes(m: Message): number {
  switch (m.type) {
    case 'ping':
    case 'pong':
    case 'get_neighbors':
      return HEADER + varint(m.rid);
    case 'neighbors':
      return HEADER + varint(m.rid) + nullableId(m.predecessor) + idList(m.successors);
    case 'rectify':
      return HEADER;
    case 'leave':
      return HEADER + nullableId(m.predecessor) + idList(m.successors);
    case 'route': {
      const payload = m.payload.kind === 'lookup' ? 0 : m.payload.kind === 'signal' ? ID + text(m.payload.data) : text(JSON.stringify(m.payload));
      return HEADER + varint(m.lid) + 2 * ID + varint(m.hops) + varint(m.timeouts) + idList(m.path) + 1 + (m.via === null ? 0 : ID) + payload;
    }
    case 'route_ack':
      return HEADER + varint(m.lid) + ID;
    case 'route_reply': {
      const p = m.payload;
      const payload =
        p.kind === 'failed' ? 1 : p.kind === 'found' ? ID + idList(p.successors) + varint(p.hops) + varint(p.timeouts) + idList(p.path) : text(JSON.stringify(p));
      return HEADER + varint(m.lid) + ID + 1 + payload;
    }
    case 'relay_signal':
      return HEADER + ID + text(m.data);
    default:
      return HEADER + text(JSON.stringify(m));
  }
}

// --- Timing ---------------------------------------------------------------------------------
/** Median µs per call over BATCHES batches of ITERATIONS calls. */
function microsPerCall(fn: () => unknown): number {
  for (let i = 0; i < ITERATIONS; i++) fn(); // warm-up: let the JIT settle
  const batches: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = performance.now();
    for (let i = 0; i < ITERATIONS; i++) fn();
    batches.push(((performance.now() - start) * 1000) / ITERATIONS);
  }
  batches.sort((x, y) => x - y);
  return batches[Math.floor(BATCHES / 2)] ?? NaN;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const rows = cases.map(({ name, message }) => {
  const frame = encode(message);
  const json = frame.byteLength;
  const binary = compactBytes(message);
  return {
    message: name,
    'JSON B': json,
    'binary B (formula)': binary,
    'JSON/binary': Number((json / binary).toFixed(2)),
    'encode µs': Number(microsPerCall(() => encode(message)).toFixed(2)),
    'decode µs': Number(microsPerCall(() => decode(frame)).toFixed(2)),
    // The share of decode that is UTF-8 + JSON.parse alone; the rest is valibot validation.
    'of which parse µs': Number(microsPerCall(() => JSON.parse(utf8.decode(frame))).toFixed(2)),
  };
});

console.log(`node ${process.version}, ${ITERATIONS} calls × ${BATCHES} batches per figure (median batch)`);
console.table(rows);
console.log('binary B is computed by formula (20-byte ids, LEB128 varints, 1-byte tags/flags), not measured.');
