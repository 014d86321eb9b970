/**
 * The simulator's virtual clock: events ordered by time, then by the order they were scheduled
 * (a sequence number), so two runs with one seed process events in exactly the same order.
 * A binary min-heap over parallel arrays keeps 10^5-node runs cheap in memory and time.
 */
export class EventQueue<T> {
  #times: number[] = [];
  #seqs: number[] = [];
  #items: T[] = [];
  #nextSeq = 0;
  #now = 0;

  /** Virtual time of the event being processed (ms). */
  get now(): number {
    return this.#now;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Schedules `item` at absolute time `at` (never earlier than now). */
  push(at: number, item: T): void {
    const time = at < this.#now ? this.#now : at;
    this.#times.push(time);
    this.#seqs.push(this.#nextSeq++);
    this.#items.push(item);
    this.#siftUp(this.#items.length - 1);
  }

  /** Moves the clock forward to `time` when no event is due before it (idle time passes too). */
  advanceTo(time: number): void {
    if (time > this.#now && this.peekTime() >= time) this.#now = time;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.#items.length > 0 ? (this.#times[0] ?? Infinity) : Infinity;
  }

  /** Removes the next event and advances the clock to its time. */
  pop(): T | undefined {
    const n = this.#items.length;
    if (n === 0) return undefined;
    const item = this.#items[0];
    this.#now = this.#times[0] ?? this.#now;
    const lastTime = this.#times.pop() ?? 0;
    const lastSeq = this.#seqs.pop() ?? 0;
    const lastItem = this.#items.pop();
    if (n > 1 && lastItem !== undefined) {
      this.#times[0] = lastTime;
      this.#seqs[0] = lastSeq;
      this.#items[0] = lastItem;
      this.#siftDown(0);
    }
    return item;
  }

  #less(i: number, j: number): boolean {
    const ti = this.#times[i] ?? 0;
    const tj = this.#times[j] ?? 0;
    return ti < tj || (ti === tj && (this.#seqs[i] ?? 0) < (this.#seqs[j] ?? 0));
  }

  #swap(i: number, j: number): void {
    const t = this.#times[i] ?? 0;
    this.#times[i] = this.#times[j] ?? 0;
    this.#times[j] = t;
    const s = this.#seqs[i] ?? 0;
    this.#seqs[i] = this.#seqs[j] ?? 0;
    this.#seqs[j] = s;
    const it = this.#items[i] as T;
    this.#items[i] = this.#items[j] as T;
    this.#items[j] = it;
  }

  #siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #siftDown(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.#less(l, m)) m = l;
      if (r < n && this.#less(r, m)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
  }
}
