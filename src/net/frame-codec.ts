// Data-channel framing for one WebRTC link (DESIGN.md §1 net/: ≤ 16 KiB frames with reassembly).
// SCTP would carry up to 256 KiB in one message here, but 16 KiB is the size every browser
// interoperates with, and small frames keep heartbeats from waiting behind one huge message.
// The channel is reliable and ordered and the sender never interleaves two messages, so the
// chunks of one message arrive back to back; reassembly needs no message ids.
//
// Every frame starts with one kind byte:
//   DATA  [0x01][payload]                  a whole message
//   FIRST [0x02][u32 total length][part]   the first chunk of a larger message
//   CONT  [0x03][part]                     a following chunk; the message ends at `total` bytes
//   PING  [0x04]                           liveness, sent when the link has been idle
//   BYE   [0x05]                           the sender closes the link on purpose (it lingers)
//   REOPEN[0x06]                           the sender reuses a lingering link

export const FrameKind = { DATA: 1, FIRST: 2, CONT: 3, PING: 4, BYE: 5, REOPEN: 6 } as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** Interoperable SCTP message size for data channels, in bytes (RFC 8831 §6.6 advice). */
export const DEFAULT_FRAME_BYTES = 16 * 1024;
/** Bytes of the FIRST header: kind + u32 total length. */
const FIRST_HEADER_BYTES = 5;

/** Splits one message into frames of at most `frameBytes` bytes each. */
export function encodeMessage(message: Uint8Array, frameBytes: number): Uint8Array[] {
  if (message.byteLength + 1 <= frameBytes) {
    const frame = new Uint8Array(message.byteLength + 1);
    frame[0] = FrameKind.DATA;
    frame.set(message, 1);
    return [frame];
  }
  const frames: Uint8Array[] = [];
  const firstPart = frameBytes - FIRST_HEADER_BYTES;
  const first = new Uint8Array(frameBytes);
  first[0] = FrameKind.FIRST;
  new DataView(first.buffer).setUint32(1, message.byteLength);
  first.set(message.subarray(0, firstPart), FIRST_HEADER_BYTES);
  frames.push(first);
  for (let at = firstPart; at < message.byteLength; at += frameBytes - 1) {
    const part = message.subarray(at, Math.min(at + frameBytes - 1, message.byteLength));
    const frame = new Uint8Array(part.byteLength + 1);
    frame[0] = FrameKind.CONT;
    frame.set(part, 1);
    frames.push(frame);
  }
  return frames;
}

/** A control frame (PING, BYE, REOPEN): just the kind byte. */
export function controlFrame(kind: typeof FrameKind.PING | typeof FrameKind.BYE | typeof FrameKind.REOPEN): Uint8Array {
  return Uint8Array.of(kind);
}

/** What one received frame meant. `drop` explains malformed or oversized input; never thrown. */
export type FrameResult =
  | { kind: 'message'; message: Uint8Array }
  | { kind: 'partial' }
  | { kind: 'control'; control: 'ping' | 'bye' | 'reopen' }
  | { kind: 'drop'; code: 'malformed' | 'oversize' };

/**
 * Reassembles the frames of one link. Remote input: every malformed or oversized frame becomes a
 * `drop` result, and the reassembler recovers at the next message boundary.
 */
export class Reassembler {
  private parts: Uint8Array[] = [];
  private total = 0;
  private received = 0;
  /** Bytes of an oversized message still to skip. */
  private skipping = 0;

  constructor(private readonly maxMessageBytes: number) {}

  push(frame: Uint8Array): FrameResult {
    const kind = frame[0];
    if (kind === undefined) return this.malformed();
    if (kind === FrameKind.CONT) return this.cont(frame.subarray(1));
    // Any other kind starts fresh; a half-built message before it means the peer broke framing.
    const interrupted = this.total > 0 || this.skipping > 0;
    this.reset();
    if (interrupted) return { kind: 'drop', code: 'malformed' };
    switch (kind) {
      case FrameKind.DATA:
        if (frame.byteLength - 1 > this.maxMessageBytes) return { kind: 'drop', code: 'oversize' };
        return { kind: 'message', message: frame.slice(1) };
      case FrameKind.FIRST:
        return this.first(frame);
      case FrameKind.PING:
        return frame.byteLength === 1 ? { kind: 'control', control: 'ping' } : this.malformed();
      case FrameKind.BYE:
        return frame.byteLength === 1 ? { kind: 'control', control: 'bye' } : this.malformed();
      case FrameKind.REOPEN:
        return frame.byteLength === 1 ? { kind: 'control', control: 'reopen' } : this.malformed();
      default:
        return this.malformed();
    }
  }

  private first(frame: Uint8Array): FrameResult {
    if (frame.byteLength < FIRST_HEADER_BYTES) return this.malformed();
    const total = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1);
    const part = frame.subarray(FIRST_HEADER_BYTES);
    if (part.byteLength >= total) return this.malformed();
    if (total > this.maxMessageBytes) {
      this.skipping = total - part.byteLength;
      return { kind: 'drop', code: 'oversize' };
    }
    this.total = total;
    this.received = part.byteLength;
    this.parts = [part.slice()];
    return { kind: 'partial' };
  }

  private cont(part: Uint8Array): FrameResult {
    if (this.skipping > 0) {
      if (part.byteLength > this.skipping) return this.malformed();
      this.skipping -= part.byteLength;
      return { kind: 'partial' };
    }
    if (this.total === 0 || this.received + part.byteLength > this.total) return this.malformed();
    this.parts.push(part.slice());
    this.received += part.byteLength;
    if (this.received < this.total) return { kind: 'partial' };
    const message = new Uint8Array(this.total);
    let at = 0;
    for (const p of this.parts) {
      message.set(p, at);
      at += p.byteLength;
    }
    this.reset();
    return { kind: 'message', message };
  }

  private malformed(): FrameResult {
    this.reset();
    return { kind: 'drop', code: 'malformed' };
  }

  private reset(): void {
    this.parts = [];
    this.total = 0;
    this.received = 0;
    this.skipping = 0;
  }
}
