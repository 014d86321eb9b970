// Issue 5, test 2: A and B — two people, two browser contexts — type into the same note at the
// same time with the real keyboard (Playwright key events into each tab's textarea, not fill()).
// Both tabs end with the same text, containing both people's typing, each where its author's
// caret was. Two rounds: in the second, each tab has already received the other's first round,
// so a remote change rewrote the textarea under a caret that must stay where its owner left it.
// Run: npx mocha --no-config --node-option import=tsx --timeout 240000 test/e2e/app/concurrent.e2e.ts
import { expect } from 'chai';
import { RING_WAIT_MS, createSharedNote, editorOf, online, startAppRing, waitForEditor, type AppRing } from './app-ring.ts';

/** Per-key delay (ms): slow enough that publishes and pulls land between keystrokes. */
const KEY_DELAY_MS = 60;

describe('app: two people type into one note at once (e2e)', function () {
  let ring: AppRing;

  before(async function () {
    ring = await startAppRing();
  });
  after(async function () {
    await ring?.close();
  });

  it('both tabs converge to the same text holding both edits', async function () {
    const a = await ring.openPerson();
    const b = await ring.openPerson();
    await Promise.all([online(a.page), online(b.page)]);

    const link = await createSharedNote(a.page, 'Standup\nAgenda:\n');
    await b.page.goto(link);
    await b.page.getByRole('button', { name: 'Open note Standup' }).click({ timeout: RING_WAIT_MS });
    await waitForEditor(b.page, 'B gets the note', (v) => v === 'Standup\nAgenda:\n');

    // A writes at the end of the title line, B at the end of the note.
    await editorOf(a.page).click();
    await a.page.keyboard.press('Control+Home');
    await a.page.keyboard.press('End');
    await editorOf(b.page).click();
    await b.page.keyboard.press('Control+End');

    await Promise.all([
      a.page.keyboard.type(' (Tuesday)', { delay: KEY_DELAY_MS }),
      b.page.keyboard.type('- ship the ring view', { delay: KEY_DELAY_MS }),
    ]);
    const round1 = 'Standup (Tuesday)\nAgenda:\n- ship the ring view';
    await waitForEditor(a.page, 'A gets B’s first edit', (v) => v === round1);
    await waitForEditor(b.page, 'B gets A’s first edit', (v) => v === round1);

    // Round 2: the remote edit rewrote each textarea; the carets must still be where they were.
    await Promise.all([
      a.page.keyboard.type(', room 4', { delay: KEY_DELAY_MS }),
      b.page.keyboard.type('\n- fix the bench', { delay: KEY_DELAY_MS }),
    ]);
    const expected = 'Standup (Tuesday), room 4\nAgenda:\n- ship the ring view\n- fix the bench';
    const finalA = await waitForEditor(a.page, 'A converges', (v) => v === expected);
    const finalB = await waitForEditor(b.page, 'B converges', (v) => v === expected);
    expect(finalA).to.equal(finalB);

    // Both notebooks list the note under its edited title, and nothing was refused or thrown.
    await a.page.getByRole('button', { name: 'Open note Standup (Tuesday), room 4' }).waitFor({ timeout: RING_WAIT_MS });
    await b.page.getByRole('button', { name: 'Open note Standup (Tuesday), room 4' }).waitFor({ timeout: RING_WAIT_MS });
    expect(a.errors.messages, 'A page errors').to.deep.equal([]);
    expect(b.errors.messages, 'B page errors').to.deep.equal([]);
  });
});
