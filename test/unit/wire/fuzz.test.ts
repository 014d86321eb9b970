// Seeded fuzz of the codec (CONVENTIONS.md §5, §11): every input either decodes to a message that
// re-encodes and decodes to itself, or is refused with a WireError. Anything else thrown is a bug
// that would cross the transport, so it fails with the seed, the case and the replay command.
// FUZZ_SEED=<n> replays a seed, FUZZ_CASES=<n> sets the number of cases (default 100 000).
// Pure: runs in Node and in Chromium (where `process` does not exist and the defaults apply).
import { expect } from 'chai';
import { decode, encode, WireError, type WireErrorCode } from '../../../src/wire/codec.ts';
import type { Message } from '../../../src/wire/messages.ts';
import { createPrng } from '../../../src/dht/prng.ts';
import { fuzzInput, type FuzzInput, type InputKind } from './fuzz-inputs.ts';

interface MaybeProcess {
  process?: { env?: Record<string, string | undefined> };
}
const env = (globalThis as MaybeProcess).process?.env ?? {};

const DEFAULT_SEED = 20261124;
const DEFAULT_CASES = 100_000;
/** Generous: 100 000 cases take ~6 s of CPU in Node, more on a shared, busy machine. */
const FUZZ_TIMEOUT_MS = 120_000;
const FILE = 'test/unit/wire/fuzz.test.ts';

function envInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isSafeInteger(n) && n >= 0 ? n : fallback;
}

const seed = envInt(env.FUZZ_SEED, DEFAULT_SEED);
const cases = envInt(env.FUZZ_CASES, DEFAULT_CASES);

const WIRE_CODES: readonly WireErrorCode[] = ['too_large', 'not_utf8', 'not_json', 'bad_envelope', 'unsupported_version', 'invalid_message'];

function preview(input: FuzzInput): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes.subarray(0, 300));
  return `${input.kind}, ${input.bytes.byteLength} bytes: ${JSON.stringify(text)}`;
}

/** The round-trip law for an accepted frame; -0 is written as 0 by JSON, so compare as JSON does. */
function checkRoundTrip(decoded: Message): void {
  const again = decode(encode(decoded));
  expect(again).to.deep.equal(JSON.parse(JSON.stringify(decoded)));
  expect(encode(again)).to.deep.equal(encode(decoded));
}

describe('wire codec fuzz', () => {
  it(`decodes to a message or throws WireError, never anything else (seed ${seed}, ${cases} cases)`, function () {
    // The replay command runs without .mocharc.json, whose timeout would otherwise not apply.
    this.timeout(FUZZ_TIMEOUT_MS);
    const master = createPrng(seed);
    const outcomes = new Map<string, number>();
    const kinds = new Map<InputKind, number>();
    for (let i = 0; i < cases; i++) {
      const input = fuzzInput(master.fork());
      kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
      try {
        let decoded: Message;
        try {
          decoded = decode(input.bytes);
        } catch (err) {
          if (err instanceof WireError && WIRE_CODES.includes(err.code)) {
            if (input.kind === 'valid') throw new Error(`a valid message was refused: ${err.message}`);
            if (input.kind === 'oversized') expect(err.code).to.equal('too_large');
            outcomes.set(err.code, (outcomes.get(err.code) ?? 0) + 1);
            continue;
          }
          throw err;
        }
        if (input.kind === 'valid') expect(decoded).to.deep.equal(input.source);
        checkRoundTrip(decoded);
        outcomes.set('decoded', (outcomes.get('decoded') ?? 0) + 1);
      } catch (err) {
        const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new Error(
          `fuzz case ${i} of seed ${seed} failed: ${detail}\n  input: ${preview(input)}\n  replay: FUZZ_SEED=${seed} npx mocha --no-config --node-option import=tsx ${FILE}`,
          { cause: err },
        );
      }
    }
    if (cases >= 10_000) {
      // A generator that never reaches an outcome would make this test pass vacuously.
      for (const outcome of ['decoded', ...WIRE_CODES]) {
        expect(outcomes.get(outcome) ?? 0, `no case ended as ${outcome} (seed ${seed}): ${JSON.stringify([...outcomes])}`).to.be.above(0);
      }
    }
  });
});
