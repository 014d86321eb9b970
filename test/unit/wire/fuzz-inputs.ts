// Seeded generators of hostile frames for the codec fuzz test: valid random messages, mutations of
// them at the object, text and byte level, random bytes and oversized frames. Pure (no Node APIs).
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from '../../../src/wire/codec.ts';
import { asKeyId, asNodeId, type KeyId, type NodeId } from '../../../src/wire/ids.ts';
import { MAX_PATH, MAX_RANK_FINGERS, MAX_SUCCESSORS, MESSAGE_TYPES, type Message } from '../../../src/wire/messages.ts';
import { MAX_WATCH_TTL_MS } from '../../../src/wire/records.ts';
import { randomHex, type Prng } from '../../../src/dht/prng.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How a fuzz input was made: printed on failure so a case can be understood without replaying. */
export type InputKind = 'valid' | 'mutated' | 'text_mutated' | 'bytes_mutated' | 'truncated' | 'random_bytes' | 'oversized';

export interface FuzzInput {
  kind: InputKind;
  bytes: Uint8Array;
  /** The message before mutation, for 'valid' inputs the exact expected decode. */
  source: Message | null;
}

const utf8 = new TextEncoder();
const pick = <T>(rng: Prng, items: readonly T[]): T => items[rng.int(items.length)] as T;
const chance = (rng: Prng, p: number): boolean => rng.next() < p;

const randomId = (rng: Prng): NodeId => asNodeId(randomHex(rng, 40));
const randomKeyId = (rng: Prng): KeyId => asKeyId(randomHex(rng, 40));
const u32 = (rng: Prng): number => (chance(rng, 0.2) ? pick(rng, [0, 1, 0xffffffff]) : rng.int(2 ** 32));
const small = (rng: Prng): number => rng.int(chance(rng, 0.9) ? 64 : 1_000_001);

/** Short lists mostly, sometimes up to the limit. */
function randomIds(rng: Prng, max: number): NodeId[] {
  const length = chance(rng, 0.1) ? rng.int(max + 1) : rng.int(6);
  return Array.from({ length }, () => randomId(rng));
}

/** Text that stresses escaping: quotes, backslashes, controls, multi-byte UTF-8, lone surrogates. */
function randomText(rng: Prng): string {
  const pieces = ['a', 'z', ' ', '"', '\\', '\n', '\u0000', '\u001f', 'é', '€', '…', '😀', '\u2028', '\ud800', '\udfff', 'v=0\r\n'];
  let out = '';
  const length = chance(rng, 0.05) ? rng.int(2000) : rng.int(40);
  for (let i = 0; i < length; i++) out += pick(rng, pieces);
  return out;
}

/** A valid message of a random type with random fields. */
export function randomMessage(rng: Prng): Message {
  const type = pick(rng, MESSAGE_TYPES);
  switch (type) {
    case 'ping':
    case 'pong':
    case 'get_neighbors':
      return { type, rid: u32(rng) };
    case 'neighbors':
      return {
        type,
        rid: u32(rng),
        predecessor: chance(rng, 0.2) ? null : randomId(rng),
        successors: randomIds(rng, MAX_SUCCESSORS),
        ...(chance(rng, 0.5) ? { fingers: randomIds(rng, MAX_RANK_FINGERS) } : {}),
      };
    case 'rectify':
      return { type };
    case 'successor_hint':
    case 'introduce':
      return { type, candidate: randomId(rng) };
    case 'leave':
      return { type, predecessor: chance(rng, 0.2) ? null : randomId(rng), successors: randomIds(rng, MAX_SUCCESSORS) };
    case 'route':
      return {
        type,
        lid: u32(rng),
        origin: randomId(rng),
        target: randomId(rng),
        hops: small(rng),
        timeouts: small(rng),
        path: randomIds(rng, MAX_PATH),
        final: chance(rng, 0.5),
        reply: chance(rng, 0.5),
        via: chance(rng, 0.5) ? null : randomId(rng),
        payload: pick(rng, [
          { kind: 'lookup' },
          { kind: 'signal', to: randomId(rng), data: randomText(rng) },
          { kind: 'store_watch', key: randomKeyId(rng), ttlMs: rng.int(MAX_WATCH_TTL_MS + 1) },
          { kind: 'store_changed', key: randomKeyId(rng), watcher: randomId(rng) },
        ] as const),
      };
    case 'route_ack':
      return { type, lid: u32(rng), origin: randomId(rng) };
    case 'route_reply':
      return {
        type,
        lid: u32(rng),
        origin: randomId(rng),
        payload: pick(rng, [
          { kind: 'found', owner: randomId(rng), successors: randomIds(rng, MAX_SUCCESSORS), hops: small(rng), timeouts: small(rng), path: randomIds(rng, MAX_PATH) },
          { kind: 'failed', code: pick(rng, ['no_route', 'hop_limit', 'unknown_node', 'timeout'] as const) },
          { kind: 'watching', key: randomKeyId(rng), ttlMs: rng.int(MAX_WATCH_TTL_MS + 1) },
        ] as const),
      };
    case 'relay_signal':
      return { type, from: randomId(rng), data: randomText(rng) };
  }
}

/** A JSON value of the wrong shape for most fields: edge numbers, near-miss ids, nesting. */
function randomValue(rng: Prng, depth = 0): Json {
  switch (rng.int(depth > 2 ? 8 : 10)) {
    case 0:
      return null;
    case 1:
      return chance(rng, 0.5);
    case 2:
      return pick(rng, [-1, -0, 0.5, 2 ** 32, 2 ** 53, 1e308, -1e-308, 1_000_001, Number.MAX_SAFE_INTEGER + 2]);
    case 3:
      return rng.int(2 ** 32);
    case 4:
      return randomText(rng);
    case 5:
      return nearMissId(rng, randomHex(rng, 40));
    case 6:
      return randomHex(rng, 40);
    case 7:
      return pick(rng, [...MESSAGE_TYPES, 'lookup', 'signal', 'found', 'failed', 'timeout', '']);
    case 8:
      return Array.from({ length: rng.int(chance(rng, 0.1) ? 80 : 4) }, () => randomValue(rng, depth + 1));
    default: {
      const out: { [key: string]: Json } = {};
      for (let i = rng.int(4); i > 0; i--) setKey(out, randomKey(rng), randomValue(rng, depth + 1));
      return out;
    }
  }
}

function nearMissId(rng: Prng, id: string): string {
  const at = rng.int(id.length);
  switch (rng.int(4)) {
    case 0:
      return id.toUpperCase();
    case 1:
      return id.slice(0, at) + id.slice(at + 1);
    case 2:
      return id + pick(rng, ['0', 'f', ' ', '\n']);
    default:
      return id.slice(0, at) + pick(rng, ['g', 'G', 'A', ' ', 'é', '-']) + id.slice(at + 1);
  }
}

/**
 * Sets an own property even for "__proto__" (plain assignment would replace the prototype, and a
 * later mutation of it would pollute Object.prototype for the whole test run).
 */
function setKey(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const KEYS = ['type', 'rid', 'lid', 'origin', 'target', 'hops', 'timeouts', 'path', 'final', 'reply', 'via', 'payload', 'kind', 'to', 'data', 'from', 'owner', 'successors', 'predecessor', 'code', 'key', 'ttlMs', 'watcher', 'v', 'm', '__proto__', 'constructor'];
const randomKey = (rng: Prng): string => (chance(rng, 0.8) ? pick(rng, KEYS) : randomText(rng));

/** One structural mutation of a JSON object, in place; recurses into nested objects sometimes. */
function mutateObject(rng: Prng, obj: { [key: string]: Json }): void {
  const keys = Object.keys(obj);
  const key = keys.length > 0 && chance(rng, 0.8) ? pick(rng, keys) : randomKey(rng);
  const current = Object.hasOwn(obj, key) ? obj[key] : undefined;
  switch (rng.int(6)) {
    case 0:
      delete obj[key];
      return;
    case 1:
      if (typeof current === 'string') {
        setKey(obj, key, nearMissId(rng, current));
        return;
      }
      break;
    case 2:
      if (Array.isArray(current)) {
        // Overlong list, or one bad element among good ones.
        if (chance(rng, 0.5)) setKey(obj, key, Array.from({ length: MAX_PATH + 1 + rng.int(3) }, () => randomHex(rng, 40)));
        else if (current.length > 0) current[rng.int(current.length)] = randomValue(rng);
        return;
      }
      break;
    case 3:
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        mutateObject(rng, current);
        return;
      }
      break;
  }
  setKey(obj, key, randomValue(rng));
}

/** A valid message as a mutable JSON tree (the round trip through JSON is exactly what encode does). */
const toJson = (m: Message): { [key: string]: Json } => JSON.parse(JSON.stringify(m)) as { [key: string]: Json };

function mutatedEnvelope(rng: Prng, message: Message): string {
  const m = toJson(message);
  const envelope: { [key: string]: Json } = { v: PROTOCOL_VERSION, m };
  const rounds = 1 + rng.int(3);
  for (let i = 0; i < rounds; i++) {
    const r = rng.int(10);
    if (r === 0) envelope.v = pick(rng, [0, 2, -1, 1.0000001, '1', null, true, PROTOCOL_VERSION + 1]);
    else if (r === 1) mutateObject(rng, envelope);
    else mutateObject(rng, m);
  }
  return JSON.stringify(envelope);
}

function mutateText(rng: Prng, text: string): string {
  const at = rng.int(text.length + 1);
  const junk = pick(rng, ['{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', 'e', ' ', 'null', '\ud800', '😀', '\\u0000', '\\ud800']);
  switch (rng.int(3)) {
    case 0:
      return text.slice(0, at) + junk + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + rng.int(4));
    default:
      return text.slice(0, at) + junk + text.slice(at + 1);
  }
}

function mutateBytes(rng: Prng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 1 + rng.int(4); i > 0 && out.length > 0; i--) {
    const at = rng.int(out.length);
    out[at] = chance(rng, 0.5) ? rng.int(256) : (out[at] as number) ^ (1 << rng.int(8));
  }
  return out;
}

function randomBytes(rng: Prng): Uint8Array {
  const length = chance(rng, 0.05) ? rng.int(4096) : rng.int(64);
  const jsonish = utf8.encode('{}[]":,0123456789.-eEtrufalsn \\vm');
  const out = new Uint8Array(length);
  const biased = chance(rng, 0.5);
  for (let i = 0; i < length; i++) out[i] = biased ? (jsonish[rng.int(jsonish.length)] as number) : rng.int(256);
  return out;
}

/** A frame just over the limit: a valid envelope padded with whitespace, or a big signal. */
function makeOversized(): Uint8Array[] {
  const head = utf8.encode(`{"v":${PROTOCOL_VERSION},"m":{"type":"ping","rid":1}}`);
  const padded = new Uint8Array(MAX_MESSAGE_BYTES + 4096).fill(0x20);
  padded.set(head);
  const signal = utf8.encode(JSON.stringify({ v: PROTOCOL_VERSION, m: { type: 'relay_signal', from: 'a'.repeat(40), data: 'é'.repeat(MAX_MESSAGE_BYTES) } }));
  return [padded, signal];
}
let oversized: Uint8Array[] | null = null;

/** The next fuzz input from `rng`: a mix weighted toward inputs that get past the cheap checks. */
export function fuzzInput(rng: Prng): FuzzInput {
  const r = rng.int(100);
  if (r < 15) {
    const source = randomMessage(rng);
    return { kind: 'valid', bytes: utf8.encode(JSON.stringify({ v: PROTOCOL_VERSION, m: source })), source };
  }
  if (r < 55) {
    const source = randomMessage(rng);
    return { kind: 'mutated', bytes: utf8.encode(mutatedEnvelope(rng, source)), source };
  }
  if (r < 65) {
    const source = randomMessage(rng);
    return { kind: 'text_mutated', bytes: utf8.encode(mutateText(rng, JSON.stringify({ v: PROTOCOL_VERSION, m: source }))), source };
  }
  if (r < 75) {
    const source = randomMessage(rng);
    return { kind: 'bytes_mutated', bytes: mutateBytes(rng, utf8.encode(JSON.stringify({ v: PROTOCOL_VERSION, m: source }))), source };
  }
  if (r < 85) {
    const source = randomMessage(rng);
    const bytes = utf8.encode(JSON.stringify({ v: PROTOCOL_VERSION, m: source }));
    return { kind: 'truncated', bytes: bytes.subarray(0, rng.int(bytes.length)), source };
  }
  if (r < 98) return { kind: 'random_bytes', bytes: randomBytes(rng), source: null };
  oversized ??= makeOversized();
  const base = pick(rng, oversized);
  return { kind: 'oversized', bytes: base.subarray(0, MAX_MESSAGE_BYTES + 1 + rng.int(base.length - MAX_MESSAGE_BYTES)), source: null };
}
