// A tiny typed listener set: the notes layer emits, the UI's controllers subscribe and unsubscribe.

export class Listeners<E> {
  private readonly set = new Set<(event: E) => void>();

  /** Adds `fn`; the returned function removes it. */
  add(fn: (event: E) => void): () => void {
    this.set.add(fn);
    return () => this.set.delete(fn);
  }

  emit(event: E): void {
    // A throwing listener is a bug in that view; it must not stop the others or the notes layer.
    for (const fn of [...this.set]) {
      try {
        fn(event);
      } catch (e) {
        console.error('chordpad listener failed', e);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
