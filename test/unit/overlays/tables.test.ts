import { expect } from 'chai';
import { createPrng } from '../../../src/dht/prng.ts';
import { commonPrefixBits, SPACE_SIZE, successorIndex } from '../../../src/sim/overlays/id-space.ts';
import { kademliaTables } from '../../../src/sim/overlays/kademlia.ts';
import { digitAt, pastryTables, sharedDigits } from '../../../src/sim/overlays/pastry.ts';
import { buildCanSpace } from '../../../src/sim/overlays/can.ts';
import { randomIds } from '../../../src/sim/overlays/world.ts';
import { chordRouter } from '../../../src/sim/overlays/chord-static.ts';
import { forSeeds } from './seeded.ts';

const FILE = 'test/unit/overlays/tables.test.ts';

describe('overlays: routing-table invariants per geometry (seeded random networks)', () => {
  it('Kademlia: bucket j holds only nodes that first differ at bit j, min(k, subtree) of them, no repeats', () => {
    forSeeds(FILE, [11, 12, 13], (seed) => {
      const rng = createPrng(seed);
      const ids = randomIds(rng, 400);
      const k = 20;
      const t = kademliaTables(ids, seed, k);
      for (let s = 0; s < 40; s++) {
        const node = rng.int(ids.length);
        for (let j = 0; j < 32; j++) {
          const bucket = t.bucket(node, j);
          for (const e of bucket) expect(commonPrefixBits(ids[e] ?? 0, ids[node] ?? 0), `bucket ${j}`).to.equal(j);
          expect(new Set(bucket).size).to.equal(bucket.length);
          let subtree = 0;
          for (const id of ids) if (commonPrefixBits(id, ids[node] ?? 0) === j) subtree++;
          expect(bucket.length).to.equal(Math.min(k, subtree));
        }
      }
    });
  });

  it('Pastry: cell (row, d) shares exactly row digits and has digit d next; leaf set is the nearest L/2 each side', () => {
    forSeeds(FILE, [21, 22], (seed) => {
      const rng = createPrng(seed);
      const ids = randomIds(rng, 600);
      const t = pastryTables(ids, seed, 16);
      for (let s = 0; s < 30; s++) {
        const node = rng.int(ids.length);
        const me = ids[node] ?? 0;
        for (let row = 0; row < 8; row++) {
          for (let d = 0; d < 16; d++) {
            const c = t.cell(node, row, d);
            // Empty only when no node has that prefix (or it is my own digit).
            const exists = ids.some((id) => sharedDigits(id, me) >= row && digitAt(id, row) === d) && digitAt(me, row) !== d;
            expect(c >= 0, `row ${row} digit ${d}`).to.equal(exists);
            if (c >= 0) {
              expect(sharedDigits(ids[c] ?? 0, me)).to.equal(row);
              expect(digitAt(ids[c] ?? 0, row)).to.equal(d);
            }
          }
        }
        const leaves = t.leafSet(node);
        expect(leaves.length).to.equal(16);
        const n = ids.length;
        const expected = new Set<number>();
        for (let i = 1; i <= 8; i++) expected.add((node + i) % n).add((node - i + n) % n);
        expect(new Set(leaves)).to.deep.equal(expected);
      }
    });
  });

  it('Chord: finger i is the successor of n + 2^i, and routing makes progress to the owner', () => {
    forSeeds(FILE, [31], (seed) => {
      const rng = createPrng(seed);
      const ids = randomIds(rng, 300);
      const route = chordRouter(ids, 20);
      for (let s = 0; s < 50; s++) {
        const node = rng.int(ids.length);
        const key = Math.floor(rng.next() * SPACE_SIZE);
        const step = route(node, key);
        if (step === 'deliver') continue;
        const first = step.candidates[0] ?? -1;
        if (step.final?.[0] === true) expect(first).to.equal(successorIndex(ids, key));
        else expect(step.candidates.length).to.be.greaterThan(0);
      }
    });
  });

  it('CAN: zones tile the torus, and neighbours are exactly the zones sharing a (d-1)-face (brute force)', () => {
    forSeeds(FILE, [41, 42], (seed) => {
      for (const d of [2, 3, 4]) {
        const n = 120;
        const space = buildCanSpace(n, seed, d);
        let volume = 0;
        for (let i = 0; i < n; i++) {
          let v = 1;
          for (let k = 0; k < d; k++) v *= (space.hi[i * d + k] ?? 1) - (space.lo[i * d + k] ?? 0);
          volume += v;
        }
        expect(volume).to.be.closeTo(1, 1e-9);
        const rng = createPrng(seed + d);
        for (let t = 0; t < 200; t++) {
          const p = Array.from({ length: d }, () => rng.next());
          let holders = 0;
          for (let i = 0; i < n; i++) if (space.contains(i, p)) holders++;
          expect(holders, 'one zone per point').to.equal(1);
          expect(space.contains(space.ownerOf(p), p)).to.equal(true);
        }
        const abut = (a: number, b: number): boolean => {
          let touching = 0;
          for (let k = 0; k < d; k++) {
            const alo = space.lo[a * d + k] ?? 0;
            const ahi = space.hi[a * d + k] ?? 1;
            const blo = space.lo[b * d + k] ?? 0;
            const bhi = space.hi[b * d + k] ?? 1;
            const overlap = alo < bhi && blo < ahi;
            const touch = ahi % 1 === blo || bhi % 1 === alo;
            if (overlap) continue;
            if (touch) touching++;
            else return false;
          }
          return touching === 1;
        };
        for (let a = 0; a < n; a++) {
          const expected = new Set<number>();
          for (let b = 0; b < n; b++) if (b !== a && abut(a, b)) expected.add(b);
          expect(new Set(space.neighbours(a)), `d=${d} zone ${a}`).to.deep.equal(expected);
        }
      }
    });
  });
});
