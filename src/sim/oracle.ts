// The simulator's ground truth: the sorted set of live node ids. Owners and successors computed
// here are what every lookup and every invariant is checked against.
import type { NodeId, RingId } from '../wire/ids.ts';

export class RingOracle {
  #ids: NodeId[] = [];

  get size(): number {
    return this.#ids.length;
  }

  ids(): readonly NodeId[] {
    return this.#ids;
  }

  /** Index of the first id ≥ x (may equal size). */
  #lowerBound(x: RingId): number {
    let lo = 0;
    let hi = this.#ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#ids[mid] as string) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(id: NodeId): void {
    const i = this.#lowerBound(id);
    if (this.#ids[i] !== id) this.#ids.splice(i, 0, id);
  }

  /** Bulk load for large warm starts (sorting once beats 10^5 splices). */
  addAll(ids: readonly NodeId[]): void {
    this.#ids = [...new Set([...this.#ids, ...ids])].sort();
  }

  remove(id: NodeId): void {
    const i = this.#lowerBound(id);
    if (this.#ids[i] === id) this.#ids.splice(i, 1);
  }

  has(id: NodeId): boolean {
    return this.#ids[this.#lowerBound(id)] === id;
  }

  /** The owner of x: the first live id at or after x, wrapping around. */
  owner(x: RingId): NodeId {
    const i = this.#lowerBound(x);
    const id = this.#ids[i === this.#ids.length ? 0 : i];
    if (id === undefined) throw new Error('empty ring has no owner');
    return id;
  }

  /** The live node right after id (its correct successor). */
  successor(id: NodeId, k = 1): NodeId {
    const i = this.#lowerBound(id);
    const base = this.#ids[i] === id ? i : i - 1;
    return this.#ids[(((base + k) % this.#ids.length) + this.#ids.length) % this.#ids.length] as NodeId;
  }

  predecessor(id: NodeId): NodeId {
    return this.successor(id, -1);
  }
}
