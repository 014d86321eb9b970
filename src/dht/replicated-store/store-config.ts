// Options of the replicated store (DESIGN.md §6), with units and the reason for each default.
import { REPLICAS, WRITE_QUORUM } from '../replication/replica-set.ts';
import { DIGEST_BUCKETS } from '../replication/digest.ts';
import { DEFAULT_QUOTA_BYTES } from '../../ports/record-store.ts';

export interface StoreInit {
  /** Copies of every record: the key's successor and the next R−1 (survives R−1 simultaneous failures). @default 3 */
  replicas?: number;
  /** Persisted copies before a put is acknowledged (a majority of 3). @default 2 */
  writeQuorum?: number;
  /**
   * A primary gives up on a write quorum after this long (ms). Below the route's own 8 s expiry
   * so the writer hears `timeout` from the primary rather than silence. @default 5000
   */
  quorumTimeoutMs?: number;
  /** Mean period (ms) of anti-entropy rounds with each replica neighbour, jittered 0.5–1.5×. @default 60000 */
  antiEntropyMs?: number;
  /** Sub-ranges per anti-entropy digest. @default 16 */
  digestBuckets?: number;
  /** Bytes of records this node keeps (the admission rules refuse more with `quota`). @default 50 MiB */
  quotaBytes?: number;
}

export type StoreConfig = Required<StoreInit>;

export function resolveStoreConfig(init: StoreInit = {}): StoreConfig {
  return {
    replicas: init.replicas ?? REPLICAS,
    writeQuorum: init.writeQuorum ?? WRITE_QUORUM,
    quorumTimeoutMs: init.quorumTimeoutMs ?? 5_000,
    antiEntropyMs: init.antiEntropyMs ?? 60_000,
    digestBuckets: init.digestBuckets ?? DIGEST_BUCKETS,
    quotaBytes: init.quotaBytes ?? DEFAULT_QUOTA_BYTES,
  };
}
