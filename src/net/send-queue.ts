// Backpressure for one data channel. RTCDataChannel.send() never blocks: it buffers without bound
// and, in Chromium, closes the channel when its internal buffer (16 MiB) overflows. So frames wait
// here, bounded, and go to the channel only while its bufferedAmount is under a high-water mark;
// `bufferedamountlow` resumes the drain.

/** The part of RTCDataChannel the queue uses (tests may pass a fake). */
export interface FrameSink {
  readonly bufferedAmount: number;
  readonly readyState: RTCDataChannelState;
  send(data: Uint8Array<ArrayBuffer>): void;
}

export class SendQueue {
  /** Keep at most this many bytes inside the channel's own buffer (1 MiB: loopback drains ~33 MiB/s). */
  static readonly HIGH_WATER_BYTES = 1024 * 1024;
  /** Resume draining when the channel's buffer falls to this (bufferedAmountLowThreshold). */
  static readonly LOW_WATER_BYTES = 256 * 1024;

  private frames: Uint8Array[] = [];
  private head = 0;
  bytes = 0;

  constructor(
    private readonly sink: FrameSink,
    private readonly maxQueuedBytes: number,
    private readonly onSent: (bytes: number) => void,
  ) {}

  /** Appends all frames of one message, or none when they would exceed the bound (unless forced). */
  push(frames: Uint8Array[], force = false): boolean {
    let size = 0;
    for (const f of frames) size += f.byteLength;
    if (!force && this.bytes + size > this.maxQueuedBytes) return false;
    for (const f of frames) this.frames.push(f);
    this.bytes += size;
    this.drain();
    return true;
  }

  /** Moves frames into the channel while its buffer is below the high-water mark. */
  drain(): void {
    const { sink } = this;
    if (sink.readyState !== 'open') return;
    while (this.head < this.frames.length && sink.bufferedAmount < SendQueue.HIGH_WATER_BYTES) {
      const frame = this.frames[this.head];
      if (!frame) break;
      this.frames[this.head++] = EMPTY;
      this.bytes -= frame.byteLength;
      try {
        sink.send(copy(frame));
      } catch {
        // The channel closed under us; its close event reports the link down.
        this.clear();
        return;
      }
      this.onSent(frame.byteLength);
    }
    if (this.head === this.frames.length) {
      this.frames = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
  }
}

const EMPTY = new Uint8Array(0);

/** RTCDataChannel.send wants a view on a plain ArrayBuffer; frames we built already are. */
function copy(frame: Uint8Array): Uint8Array<ArrayBuffer> {
  return frame.buffer instanceof ArrayBuffer && frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength
    ? new Uint8Array(frame.buffer)
    : new Uint8Array(frame);
}
