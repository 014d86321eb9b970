// Framing laws over seeded random messages: encode → reassemble is the identity at every size and
// frame size; no frame exceeds the frame size; and random garbage never throws, always ends as
// drops, and leaves the reassembler able to take the next good message.
// Replay: SEED below; WTR_FILES=test/browser/net/frame-codec.test.ts npx web-test-runner --config web-test-runner.config.js
import { expect } from 'chai';
import { FrameKind, Reassembler, encodeMessage } from '../../../src/net/frame-codec.ts';
import { randomBytes, seeded } from '../../contract/transport-contract.ts';

const SEED = 424242;
const REPLAY = `SEED=${SEED} in test/browser/net/frame-codec.test.ts; WTR_FILES=test/browser/net/frame-codec.test.ts npx web-test-runner --config web-test-runner.config.js`;

function roundTrip(r: Reassembler, frames: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of frames) {
    const res = r.push(f);
    if (res.kind === 'message') out.push(res.message);
    else if (res.kind !== 'partial') throw new Error(`unexpected ${res.kind}`);
  }
  return out;
}

describe('frame codec', function () {
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(`failed with seed ${SEED}; replay: ${REPLAY}`);
  });

  it('reassembles every message exactly, with no frame over the frame size', function () {
    const next = seeded(SEED);
    for (let i = 0; i < 300; i++) {
      const frameBytes = 64 + (next() % 20000);
      const size = i < 10 ? i : next() % 120_000;
      const message = randomBytes(next, size);
      const frames = encodeMessage(message, frameBytes);
      for (const f of frames) expect(f.byteLength).to.be.at.most(frameBytes);
      const out = roundTrip(new Reassembler(1 << 20), frames);
      expect(out).to.have.length(1);
      expect(out[0]).to.deep.equal(message);
    }
  });

  it('drops oversized messages whole and recovers at the next message', function () {
    const r = new Reassembler(1000);
    const frames = encodeMessage(new Uint8Array(5000), 256);
    const results = frames.map((f) => r.push(f).kind);
    expect(results[0]).to.equal('drop');
    expect(results.slice(1).every((k) => k === 'partial')).to.equal(true);
    expect(roundTrip(r, encodeMessage(Uint8Array.of(1, 2, 3), 256))).to.deep.equal([Uint8Array.of(1, 2, 3)]);
  });

  it('never throws on random garbage and recovers for the next good message', function () {
    const next = seeded(SEED + 1);
    const r = new Reassembler(64 * 1024);
    for (let i = 0; i < 2000; i++) {
      const garbage = randomBytes(next, next() % 40);
      // Bias the first byte toward real kinds so the state machine is exercised, not just rejected.
      if (garbage.byteLength > 0 && next() % 2 === 0) garbage[0] = 1 + (next() % 6);
      expect(() => r.push(garbage)).to.not.throw();
    }
    // A PING clears any half-built state (counted as a drop if it interrupts), then all is well.
    r.push(Uint8Array.of(FrameKind.PING));
    const good = randomBytes(next, 50_000);
    expect(roundTrip(r, encodeMessage(good, 16 * 1024))).to.deep.equal([good]);
  });
});
