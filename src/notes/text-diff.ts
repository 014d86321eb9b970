// Turns "the textarea now says X" into the smallest Y.Text edit (one delete + one insert at the
// first difference), so concurrent edits elsewhere in the note survive the merge.

import type * as Y from 'yjs';

export interface TextSplice {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

export function diffText(before: string, after: string): TextSplice | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

export function applySplice(text: Y.Text, splice: TextSplice): void {
  if (splice.remove > 0) text.delete(splice.index, splice.remove);
  if (splice.insert.length > 0) text.insert(splice.index, splice.insert);
}
