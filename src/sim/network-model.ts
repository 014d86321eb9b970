// The simulated network's physics: one-way latency per link (drawn once per link, so each link is
// FIFO like a reliable ordered data channel, while different links reorder freely), optional
// message loss for robustness runs, failure detection delay, and partitions.
import type { Rng } from '../ports/rng.ts';

export interface NetworkInit {
  /** Median one-way latency (ms); links draw from a log-normal around it (wide-area-like). @default 50 */
  latencyMs?: number;
  /** Log-normal spread (sigma of ln latency). @default 0.5 */
  latencySpread?: number;
  /** Probability that any one message is lost (0 models reliable channels). @default 0 */
  lossRate?: number;
  /**
   * How long (ms) until the peers of a crashed node see its links fail (heartbeat detection in the
   * WebRTC adapter). Infinity: crashes are silent and found only by timeouts (ToN Table II).
   * @default 5000
   */
  crashDetectMs?: number;
  /** Time (ms) until a connect() to a dead or unreachable node is refused. @default 1000 */
  connectRefusedMs?: number;
}

export type NetworkConfig = Required<NetworkInit>;

export function resolveNetwork(init: NetworkInit = {}): NetworkConfig {
  return {
    latencyMs: init.latencyMs ?? 50,
    latencySpread: init.latencySpread ?? 0.5,
    lossRate: init.lossRate ?? 0,
    crashDetectMs: init.crashDetectMs ?? 5000,
    connectRefusedMs: init.connectRefusedMs ?? 1000,
  };
}

/** A link's one-way latency: log-normal via Box–Muller, clamped to [1 ms, 20× median]. */
export function drawLatency(config: NetworkConfig, rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.min(20 * config.latencyMs, Math.max(1, config.latencyMs * Math.exp(config.latencySpread * z)));
}
