// The wire codec by example: golden frames pin the exact bytes of every message type, every sample
// round-trips, and each way a frame can be wrong is refused with its WireError code.
// Pure: runs in Node and in Chromium (no Node APIs).
import { expect } from 'chai';
import { decode, encode, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, WireError, type WireErrorCode } from '../../../src/wire/codec.ts';
import { MAX_PATH, MAX_RANK_FINGERS, MAX_SIGNAL_CHARS, MAX_SUCCESSORS, MESSAGE_TYPES } from '../../../src/wire/messages.ts';
import { A, ALL_SAMPLES, B, REPLY_FAILED, ROUTE_SIGNAL, SAMPLES } from './fixtures.ts';
import { GOLDEN } from './golden.ts';

const utf8 = new TextEncoder();
const text = new TextDecoder();
const frame = (s: string): Uint8Array => utf8.encode(s);
/** A frame whose envelope is right and whose message is `m`, serialized as given (no validation). */
const envelope = (m: unknown, version: unknown = PROTOCOL_VERSION): Uint8Array => frame(JSON.stringify({ v: version, m }));

function expectWireError(input: Uint8Array, code: WireErrorCode): WireError {
  let caught: unknown;
  try {
    decode(input);
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected WireError ${code} for ${text.decode(input.slice(0, 120))}`).to.be.instanceOf(WireError);
  const error = caught as WireError;
  expect(error.code).to.equal(code);
  expect(error.name).to.equal('WireError');
  return error;
}

describe('wire codec', () => {
  describe('golden frames', () => {
    it('cover every message type', () => {
      const covered = new Set(GOLDEN.map((g) => g.message.type));
      for (const type of MESSAGE_TYPES) expect(covered.has(type), `no golden frame for ${type}`).to.equal(true);
    });

    GOLDEN.forEach((golden, i) => {
      const label = golden.message.type + ('payload' in golden.message ? ` (${golden.message.payload.kind})` : '');
      it(`#${i}: encodes ${label} to its pinned text and decodes it back`, () => {
        expect(text.decode(encode(golden.message))).to.equal(golden.text);
        expect(decode(frame(golden.text))).to.deep.equal(golden.message);
        // Canonical: decoding then encoding a golden frame gives the same bytes.
        expect(encode(decode(frame(golden.text)))).to.deep.equal(frame(golden.text));
      });
    });

    it('carries non-ASCII text as raw UTF-8, not as \\u escapes', () => {
      const bytes = encode(ROUTE_SIGNAL);
      // "…" is E2 80 A6 and "✓" is E2 9C 93 in UTF-8.
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      expect(hex).to.contain('e280a6').and.contain('e29c93');
      expect(text.decode(bytes)).not.to.contain('\\u');
    });
  });

  describe('round trip', () => {
    for (const type of MESSAGE_TYPES) {
      it(`decode(encode(m)) equals m for every ${type} sample`, () => {
        for (const message of SAMPLES[type]) expect(decode(encode(message))).to.deep.equal(message);
      });
    }

    it('round-trips lists and strings at their maximum lengths', () => {
      const ids = Array.from({ length: Math.max(MAX_PATH, MAX_SUCCESSORS) }, (_, i) => (i % 2 === 0 ? A : B));
      const big = [
        { ...SAMPLES.neighbors[0], successors: ids.slice(0, MAX_SUCCESSORS) },
        { ...SAMPLES.neighbors[0], fingers: ids.slice(0, MAX_RANK_FINGERS) },
        { ...SAMPLES.route[0], path: ids.slice(0, MAX_PATH) },
        { ...SAMPLES.relay_signal[0], data: '€'.repeat(MAX_SIGNAL_CHARS) },
      ];
      for (const message of big) expect(decode(encode(message))).to.deep.equal(message);
    });

    it('drops unknown keys, so a field added later does not break older peers of the same version', () => {
      const decoded = decode(frame(String.raw`{"v":1,"m":{"type":"ping","rid":7,"future":[1,2]},"extra":true}`));
      expect(decoded).to.deep.equal(SAMPLES.ping[0]);
    });

    it('encodes every sample well under the size limit', () => {
      for (const message of ALL_SAMPLES) expect(encode(message).byteLength).to.be.below(MAX_MESSAGE_BYTES);
    });
  });

  describe('rejections', () => {
    it('refuses another protocol version with unsupported_version', () => {
      for (const version of [0, 2, PROTOCOL_VERSION + 1, -1, 1.5]) {
        const error = expectWireError(envelope(SAMPLES.ping[0], version), 'unsupported_version');
        expect(error.message).to.contain(`version ${version}`);
      }
    });

    it('refuses an envelope that is not {v: number, m}', () => {
      for (const s of ['null', '[]', '1', '"ping"', '{}', '{"v":1}', '{"m":{"type":"ping","rid":1}}', '{"v":"1","m":{"type":"ping","rid":1}}']) {
        expectWireError(frame(s), 'bad_envelope');
      }
    });

    it('refuses oversized frames with too_large before looking at them', () => {
      const padded = (n: number): Uint8Array => {
        const head = frame(String.raw`{"v":1,"m":{"type":"ping","rid":7}}`);
        const out = new Uint8Array(n).fill(0x20); // JSON whitespace
        out.set(head);
        return out;
      };
      expect(decode(padded(MAX_MESSAGE_BYTES))).to.deep.equal(SAMPLES.ping[0]);
      expectWireError(padded(MAX_MESSAGE_BYTES + 1), 'too_large');
      // Not UTF-8 and not JSON either: size is checked first, so the cost of a huge frame stays O(1).
      expectWireError(new Uint8Array(MAX_MESSAGE_BYTES + 1).fill(0xff), 'too_large');
    });

    it('refuses to encode a local message over the limit (a bug, reported as too_large)', () => {
      const huge = { ...SAMPLES.relay_signal[0], data: 'x'.repeat(MAX_MESSAGE_BYTES) };
      let caught: unknown;
      try {
        encode(huge);
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(WireError);
      expect((caught as WireError).code).to.equal('too_large');
    });

    it('refuses bytes that are not UTF-8 with not_utf8', () => {
      const cases = [
        [0x7b, 0xff, 0x7d], // 0xFF never occurs in UTF-8
        [0x7b, 0x22, 0xe2, 0x82], // truncated 3-byte sequence
        [0xc0, 0xaf], // overlong encoding of '/'
        [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as UTF-8
        [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      ];
      for (const bytes of cases) expectWireError(new Uint8Array(bytes), 'not_utf8');
      const valid = encode(ROUTE_SIGNAL);
      const cut = valid.indexOf(0xe2) + 1; // inside the three bytes of "…"
      expectWireError(valid.slice(0, cut), 'not_utf8');
    });

    it('refuses text that is not JSON with not_json', () => {
      for (const s of ['', ' ', '{', 'ping', "{'v':1}", '{"v":1,"m":{"type":"ping","rid":7}', '{"v":1,}', 'NaN', '{"v":1,"m":{}}x']) {
        expectWireError(frame(s), 'not_json');
      }
    });

    it('refuses malformed ids wherever an id goes, with invalid_message naming the field', () => {
      const bad = ['A'.repeat(40), 'a'.repeat(39), 'a'.repeat(41), 'g'.repeat(40), ` ${'a'.repeat(39)}`, '', 42, null];
      for (const id of bad) {
        const cases: [unknown, string][] = [
          [{ ...SAMPLES.route_ack[0], origin: id }, 'origin'],
          [{ ...SAMPLES.route[0], target: id }, 'target'],
          [{ ...SAMPLES.route[0], path: [A, id] }, 'path.1'],
          [{ ...ROUTE_SIGNAL, via: id }, 'via'],
          [{ ...ROUTE_SIGNAL, payload: { kind: 'signal', to: id, data: '' } }, 'payload.to'],
          [{ ...SAMPLES.neighbors[0], successors: [id] }, 'successors.0'],
          [{ ...SAMPLES.relay_signal[0], from: id }, 'from'],
          [{ ...SAMPLES.route_reply[0], payload: { ...SAMPLES.route_reply[0].payload, owner: id } }, 'payload.owner'],
        ];
        // null is a valid via (no relay) and predecessor, so only the non-null cases apply there.
        if (id !== null) cases.push([{ ...SAMPLES.neighbors[0], predecessor: id }, 'predecessor']);
        for (const [m, field] of cases) {
          if (id === null && field === 'via') continue;
          const error = expectWireError(envelope(m), 'invalid_message');
          expect(error.message).to.contain(`${field}:`);
        }
      }
    });

    it('refuses unknown types and kinds, missing fields and wrong field types with invalid_message', () => {
      const cases: unknown[] = [
        { type: 'find_node', rid: 1 },
        { type: 'PING', rid: 1 },
        { rid: 1 },
        null,
        [],
        'ping',
        { type: 'ping' },
        { type: 'ping', rid: -1 },
        { type: 'ping', rid: 2 ** 32 },
        { type: 'ping', rid: 1.5 },
        { type: 'ping', rid: '7' },
        { type: 'ping', rid: null },
        { ...SAMPLES.route[0], final: 'false' },
        { ...SAMPLES.route[0], hops: 1_000_001 },
        { ...SAMPLES.route[0], payload: { kind: 'store' } },
        { ...SAMPLES.route[0], payload: undefined },
        { ...REPLY_FAILED, payload: { kind: 'failed', code: 'boom' } },
        { ...SAMPLES.neighbors[0], successors: 'cccc' },
        { ...SAMPLES.neighbors[0], successors: Array.from({ length: MAX_SUCCESSORS + 1 }, () => A) },
        { ...SAMPLES.neighbors[0], fingers: Array.from({ length: MAX_RANK_FINGERS + 1 }, () => A) },
        { ...SAMPLES.neighbors[0], fingers: ['cccc'] },
        { ...SAMPLES.route[0], path: Array.from({ length: MAX_PATH + 1 }, () => A) },
        { ...SAMPLES.relay_signal[0], data: 'x'.repeat(MAX_SIGNAL_CHARS + 1) },
        { ...SAMPLES.relay_signal[0], data: 7 },
      ];
      for (const m of cases) expectWireError(envelope(m), 'invalid_message');
    });
  });
});
