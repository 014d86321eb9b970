// Read repair (DESIGN.md §6): a read asks the primary and falls back to the replicas; whatever
// answers it collects are merged (the join), and every replica that answered with something
// older (or nothing) is sent the merged record. Records in responses must already be verified.
import type { NodeId } from '../../wire/ids.ts';
import type { StoredRecord } from '../../wire/records.ts';
import { mergeRecords, recordsEqual } from '../records/merge.ts';

export interface ReadResponse {
  node: NodeId;
  /** Undefined when the replica holds nothing for the key. */
  record: StoredRecord | undefined;
}

export interface ReadRepair {
  /** The join of every answer; undefined when nobody had the key. */
  record: StoredRecord | undefined;
  /** Replicas whose answer differs from `record`: send them `record` (a store_replicate). */
  repair: NodeId[];
}

export function planReadRepair(responses: readonly ReadResponse[]): ReadRepair {
  let merged: StoredRecord | undefined;
  for (const r of responses) if (r.record) merged = merged ? mergeRecords(merged, r.record) : r.record;
  if (!merged) return { record: undefined, repair: [] };
  const final = merged;
  const repair = responses.filter((r) => !r.record || !recordsEqual(r.record, final)).map((r) => r.node);
  return { record: final, repair: [...new Set(repair)] };
}
