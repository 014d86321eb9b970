// When a ring member goes back into the bootstrap room (room discipline, DESIGN.md §5). Pure: the
// runtime asks on every change of its place on the ring and acts on the answer.
//
// Why it is paced: while a ring forms, a member's greeter role flickers — a predecessor lost for
// a moment makes a node the owner of every greeter point. A member that went back into the room
// at every flicker met every newcomer there (trystero connects each pair in a room) and looked each
// one up for a merge, and left again once the role moved on. 32-tab bench:mesh runs with this
// pacing and the pool keeper (room-bootstrap.ts) converged 4 times in 5; with the keeper alone, 0
// times in 3, the tabs making hundreds of RTCPeerConnections each (README, session 8). So a member
// goes back in as a greeter only once the role has held for `greeterSettleMs`, and not sooner than
// `rejoinGapMs` after it last left. The other greeters keep the room open meanwhile. (A node that
// falls off the ring goes back in at once: it needs the room to get onto one. The runtime does
// that without asking.)

export interface RoomPacingInit {
  /** A member joins the room as a greeter only once it has been one this long (ms). */
  greeterSettleMs: number;
  /** …and not sooner than this long (ms) after it last left the room. */
  rejoinGapMs: number;
}

export type RoomMove =
  | { kind: 'join' }
  /** Leave (the runtime waits until no newcomer is signalling us through the room). */
  | { kind: 'leave' }
  | { kind: 'stay' }
  /** Nothing now; ask again in `inMs` (a greeter waiting out the settle time or the gap). */
  | { kind: 'recheck'; inMs: number };

/** A member's view: whether it is in the room, and whether it owns a greeter point (greeters.ts). */
export interface RoomView {
  inRoom: boolean;
  greeter: boolean;
}

export class RoomPacer {
  readonly #init: RoomPacingInit;
  #greeterSince: number | null = null;
  #leftAt: number | null = null;

  constructor(init: RoomPacingInit) {
    this.#init = init;
  }

  /** The runtime has left the room at `now`. */
  left(now: number): void {
    this.#leftAt = now;
  }

  /** What a ring member should do about the room now. */
  next(now: number, view: RoomView): RoomMove {
    this.#greeterSince = view.greeter ? (this.#greeterSince ?? now) : null;
    if (!view.greeter) return view.inRoom ? { kind: 'leave' } : { kind: 'stay' };
    if (view.inRoom) return { kind: 'stay' };
    const settledAt = (this.#greeterSince ?? now) + this.#init.greeterSettleMs;
    const gapOverAt = this.#leftAt === null ? now : this.#leftAt + this.#init.rejoinGapMs;
    const wait = Math.max(settledAt, gapOverAt) - now;
    return wait <= 0 ? { kind: 'join' } : { kind: 'recheck', inMs: wait };
  }
}
