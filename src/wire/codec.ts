// One codec for every message (CONVENTIONS.md §5). JSON in UTF-8 inside a versioned envelope
// `{"v":1,"m":{...}}`: measured in docs/wire.md against the size a compact binary layout would
// have; JSON won because the decode cost is dominated by validation either way, the payloads that
// dominate bytes (SDP, records) are text or base64 already, and frames stay readable in devtools.
import * as v from 'valibot';
import { MessageSchema, type Message } from './messages.ts';

/** The protocol version on every envelope; a peer with another version is refused, not guessed at. */
export const PROTOCOL_VERSION = 1;
/**
 * Largest encoded message: a 64 KiB record grows by a third in base64, plus envelope and path.
 * The WebRTC adapter frames this into ≤ 16 KiB chunks.
 */
export const MAX_MESSAGE_BYTES = 128 * 1024;

export type WireErrorCode = 'too_large' | 'not_utf8' | 'not_json' | 'bad_envelope' | 'unsupported_version' | 'invalid_message';

/** The only error decode() ever throws: remote input is dropped and counted by its code. */
export class WireError extends Error {
  override readonly name = 'WireError';
  constructor(
    readonly code: WireErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const EnvelopeSchema = v.object({ v: v.number(), m: v.unknown() });

export function encode(message: Message): Uint8Array {
  const bytes = encoder.encode(JSON.stringify({ v: PROTOCOL_VERSION, m: message }));
  if (bytes.byteLength > MAX_MESSAGE_BYTES) {
    throw new WireError('too_large', `${bytes.byteLength} bytes > ${MAX_MESSAGE_BYTES} (local message: a bug)`);
  }
  return bytes;
}

/** Decodes and validates one frame; throws only WireError. */
export function decode(frame: Uint8Array): Message {
  if (frame.byteLength > MAX_MESSAGE_BYTES) throw new WireError('too_large', `${frame.byteLength} bytes`);
  let text: string;
  try {
    text = decoder.decode(frame);
  } catch {
    throw new WireError('not_utf8', 'frame is not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WireError('not_json', 'frame is not JSON');
  }
  const envelope = v.safeParse(EnvelopeSchema, json);
  if (!envelope.success) throw new WireError('bad_envelope', 'expected {v, m}');
  if (envelope.output.v !== PROTOCOL_VERSION) {
    throw new WireError('unsupported_version', `version ${String(envelope.output.v)}, we speak ${PROTOCOL_VERSION}`);
  }
  const message = v.safeParse(MessageSchema, envelope.output.m);
  if (!message.success) {
    const issue = message.issues[0];
    throw new WireError('invalid_message', issue ? `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}` : 'invalid');
  }
  return message.output;
}
