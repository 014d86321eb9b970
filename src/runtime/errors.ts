// Typed errors of the runtime's async API (CONVENTIONS.md §11): a code from a string union, a
// message a person can read, built by small factories.

export type ChordpadErrorCode =
  | 'timeout'
  | 'no_route'
  | 'hop_limit'
  | 'unknown_node'
  | 'not_joined'
  | 'stopped'
  | 'relay_unreachable'
  | 'no_identity';

export class ChordpadError extends Error {
  override readonly name = 'ChordpadError';
  constructor(
    readonly code: ChordpadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<ChordpadErrorCode, string> = {
  timeout: 'The ring did not answer in time. Peers may have left; try again in a moment.',
  no_route: 'No route to the owner of that key right now: this tab has no live links yet.',
  hop_limit: 'The lookup went around the ring too often and was stopped.',
  unknown_node: 'That node is not on the ring.',
  not_joined: 'This tab has not joined the ring yet.',
  stopped: 'This node has stopped.',
  relay_unreachable: 'No signaling relay is reachable; tabs of this browser can still meet directly.',
  no_identity: 'Could not claim a node identity in this browser.',
};

export function chordpadError(code: ChordpadErrorCode, detail?: string): ChordpadError {
  return new ChordpadError(code, detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
}
