/** Milliseconds on a monotonic clock: the browser's performance.now() or the simulator's virtual time. */
export interface Clock {
  now(): number;
}
