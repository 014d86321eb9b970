// Writes during churn (issue 3: `npm run sim -- churn` gains lostAckedWrites): signed records put
// from random joined nodes at a steady rate while nodes join and crash; afterwards an
// acknowledged write is lost when no live node's disk holds it any more (crashed nodes lose theirs).
import type { ChordSimulation } from '../chord-sim.ts';
import { recordKeyIdSync, signMutableSync } from '../../dht/records/build.ts';
import { recordsEqual } from '../../dht/records/merge.ts';
import type { KeyId, NodeId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';

export interface ChurnWrites {
  issued: number;
  acked: { key: KeyId; record: StoredRecord }[];
  failed: Record<string, number>;
}

/** Schedules one write every 1000/ratePerSecond ms until `endAt` (virtual time). */
export function scheduleChurnWrites(sim: ChordSimulation, ratePerSecond: number, endAt: number, tag: string): ChurnWrites {
  const signer = sim.crypto.signerFromSeed(new TextEncoder().encode(`churn-writer-${tag}`));
  const out: ChurnWrites = { issued: 0, acked: [], failed: {} };
  const gapMs = 1000 / ratePerSecond;
  const next = (i: number): void => {
    sim.at(gapMs, () => {
      if (sim.now >= endAt) return;
      const joined = sim.liveIds().filter((id) => sim.node(id)?.joined);
      const from: NodeId | undefined = joined[sim.rng.int(joined.length)];
      if (from !== undefined) {
        const salt = `churn-${i}`;
        const key = recordKeyIdSync(sim.crypto, signer.publicKey, salt);
        const record = signMutableSync(signer, salt, 1, new TextEncoder().encode(`value ${i}`));
        out.issued++;
        sim.startPut(from, key, record, (o) => {
          if (o.ok) out.acked.push({ key, record });
          else out.failed[o.code] = (out.failed[o.code] ?? 0) + 1;
        });
      }
      next(i + 1);
    });
  };
  next(0);
  return out;
}

/** Acknowledged writes that no live node's disk holds any more. */
export function lostAckedWrites(sim: ChordSimulation, writes: ChurnWrites): number {
  let lost = 0;
  for (const w of writes.acked) {
    const held = sim.holders(w.key).some((id) => {
      const r = sim.diskRecord(id, w.key);
      return r !== undefined && recordsEqual(r, w.record);
    });
    if (!held) lost++;
  }
  return lost;
}
