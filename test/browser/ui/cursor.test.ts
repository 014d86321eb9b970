import { expect } from 'chai';
import * as Y from 'yjs';
import { shiftIndex, type YDeltaOp } from '../../../src/ui/cursor.ts';

/** Applies `edit` to a Y.Text holding `text` and returns where a caret at `caret` moves. */
function moved(text: string, caret: number, edit: (t: Y.Text) => void): number {
  const doc = new Y.Doc();
  const t = doc.getText('t');
  t.insert(0, text);
  let delta: YDeltaOp[] = [];
  t.observe((e) => {
    delta = e.delta;
  });
  edit(t);
  return shiftIndex(caret, delta);
}

describe('ui: caret kept in place across remote edits', () => {
  it('shifts for inserts and deletes before the caret, not after it', () => {
    expect(moved('hello world', 6, (t) => t.insert(0, '>> '))).to.equal(9);
    expect(moved('hello world', 6, (t) => t.insert(8, 'XX'))).to.equal(6);
    expect(moved('hello world', 6, (t) => t.delete(0, 2))).to.equal(4);
    expect(moved('hello world', 6, (t) => t.delete(4, 4))).to.equal(4); // deletion spans the caret
    expect(moved('hello world', 6, (t) => t.delete(7, 2))).to.equal(6);
    expect(
      moved('hello world', 6, (t) =>
        t.doc?.transact(() => {
          t.delete(1, 2);
          t.insert(3, 'ABC');
        }),
      ),
    ).to.equal(7);
  });
});
