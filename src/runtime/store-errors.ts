// Typed errors of the store's Promise API (CONVENTIONS.md §11): what a put or get can end with.
import type { StoreOpErrorCode } from '../dht/replicated-store/store-effects.ts';

export type StoreErrorCode = 'timeout' | 'no_route' | 'rejected' | 'quota' | 'unreachable' | 'io' | 'stopped';

/** Why a record was refused, when the code is `rejected`. */
export type RejectionReason = 'forged' | 'stale' | 'wrong_key' | 'too_large' | 'malformed';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** Set when code is `rejected`: which rule refused the record. */
    readonly reason?: RejectionReason,
  ) {
    super(message);
  }
}

const MESSAGES: Record<StoreErrorCode, string> = {
  timeout: 'The ring did not confirm in time; the write may still land. Try again in a moment.',
  no_route: 'No route to the replicas of that key right now.',
  rejected: 'The replicas refused the record.',
  quota: 'The replicas are out of storage space for this record.',
  unreachable: 'Too few replicas could be reached to keep the record safe.',
  io: 'Storage failed on a replica.',
  stopped: 'This node has stopped.',
};

export function storeError(code: StoreErrorCode, detail?: string, reason?: RejectionReason): StoreError {
  return new StoreError(code, detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code], reason);
}

/** Maps the core's failure codes to the runtime's. */
export function fromOpError(code: StoreOpErrorCode, message: string): StoreError {
  switch (code) {
    case 'forged':
    case 'stale':
    case 'wrong_key':
    case 'too_large':
    case 'malformed':
      return storeError('rejected', `${code}: ${message}`, code);
    case 'quota':
      return storeError('quota', message);
    case 'timeout':
      return storeError('timeout', message);
    case 'no_route':
    case 'hop_limit':
      return storeError('no_route', message);
    case 'io':
      return storeError('io', message);
    case 'unreachable':
      return storeError('unreachable', message);
  }
}
