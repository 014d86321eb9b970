// Keeps a textarea's caret where the person left it when a remote Yjs change lands elsewhere in
// the text: each delta op before the caret shifts it. Delta positions: retain and delete consume
// the old text, insert adds new text without consuming any.

export interface YDeltaOp {
  readonly retain?: number | undefined;
  readonly insert?: unknown;
  readonly delete?: number | undefined;
}

export function shiftIndex(index: number, delta: readonly YDeltaOp[]): number {
  let pos = 0;
  let out = index;
  for (const op of delta) {
    if (pos >= index) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (typeof op.insert === 'string') out += op.insert.length;
    else if (op.delete !== undefined) {
      out -= Math.min(op.delete, index - pos);
      pos += op.delete;
    }
  }
  return Math.max(0, out);
}
