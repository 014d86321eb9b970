// Issue 5, tests 5 and 6, on a real ring of three people (three browser contexts):
// - C, a tab that stores replicas but never had the link, holds the note's record — and only its
//   ciphertext: its whole IndexedDB, read from the page, does not contain the note's text in any
//   encoding, while the same bytes decrypt to the note with the link's key (so the search would
//   have found a plaintext).
// - A record forged with the wrong key (another notebook's signing key, or a genuine entry with a
//   changed ciphertext) is refused by the replicas, and the writer gets the typed error.
// - D opens the read-only link: reads the note, cannot edit it (the UI says so), the notes layer
//   cannot sign, and a write forced through the runtime is refused by the replicas.
// Run: npx mocha --no-config --node-option import=tsx --timeout 240000 test/e2e/app/security.e2e.ts
import { webcrypto } from 'node:crypto';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { keyIdFromDigest, keyIdInput } from '../../../src/dht/records/signed-bytes.ts';
import { openEntry, sealEntry } from '../../../src/notes/entry.ts';
import { deriveKeys, type NotebookKeys } from '../../../src/notes/keys.ts';
import { parseLink } from '../../../src/notes/links.ts';
import { noteSalt } from '../../../src/notes/notebook.ts';
import { setRecordOf } from '../../../src/notes/set-record-remote.ts';
import type { SetRecord } from '../../../src/wire/records.ts';
import { RING_WAIT_MS, createSharedNote, editorOf, online, startAppRing, waitForEditor, type AppRing, type AppTab } from './app-ring.ts';
import { dumpContains, dumpIndexedDb, type IdbStoreDump } from './idb-dump.ts';

const NOTE = 'Launch plan\nThe vault code is 7431-orchid-lantern\nMeet at the north pier at dawn';

/** What the writer's runtime said to a put: stored, or the typed error's fields. */
interface PutOutcome {
  ok: boolean;
  name?: string;
  code?: string;
  reason?: string;
  message?: string;
}

/** Puts `record` through the page's own ring node (window.chordpad, src/ui/main.ts), as a misbehaving app would. */
function putThroughRuntime(page: Page, record: SetRecord): Promise<PutOutcome> {
  return page.evaluate(async (r) => {
    const store = window.chordpad?.tab.node.store;
    if (!store) return { ok: false, message: 'no store runtime in this tab' };
    try {
      await store.put(r);
      return { ok: true };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      return { ok: false, name: err.name, code: String(Reflect.get(err, 'code')), reason: String(Reflect.get(err, 'reason')), message: err.message };
    }
  }, record);
}

async function keyIdOf(publicKey: Uint8Array, salt: string): Promise<string> {
  return keyIdFromDigest(new Uint8Array(await webcrypto.subtle.digest('SHA-256', keyIdInput(publicKey, salt))));
}

function yjsTextUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The set record a node database in `dump` holds under `key`, if any. */
function recordIn(dump: readonly IdbStoreDump[], key: string): SetRecord | undefined {
  for (const store of dump) {
    if (!store.db.startsWith('chordpad-node-')) continue;
    for (const row of store.rows) {
      if (row.key !== key) continue;
      const record: unknown = typeof row.value === 'object' && row.value !== null ? Reflect.get(row.value, 'record') : undefined;
      if (typeof record === 'object' && record !== null && Reflect.get(record, 'type') === 'set') return record as SetRecord;
    }
  }
  return undefined;
}

/** Records this tab's node refused as forged (the store's counter). */
function forgedRefusals(page: Page): Promise<number> {
  return page.evaluate(() => window.chordpad?.tab.node.driver.node.storeSnapshot().counters['forged'] ?? 0);
}

const nodeIdOf = (page: Page): Promise<string | undefined> => page.evaluate(() => window.chordpad?.tab.node.self);

/** The tab whose node owns `key` (the key's successor on the ring of these tabs): the primary. */
async function primaryOf(tabs: readonly AppTab[], key: string): Promise<AppTab> {
  const ids = await Promise.all(tabs.map(async (t) => ({ tab: t, id: (await nodeIdOf(t.page)) ?? '' })));
  ids.sort((x, y) => (x.id < y.id ? -1 : 1));
  const owner = ids.find((x) => x.id >= key) ?? ids[0];
  if (!owner) throw new Error('no tabs');
  return owner.tab;
}

async function entryIdsStored(page: Page): Promise<string> {
  return JSON.stringify(await dumpIndexedDb(page));
}

describe('app: replicas hold only ciphertext and refuse forged writes; read-only links (e2e)', function () {
  let ring: AppRing;
  let a: AppTab;
  let c: AppTab;
  let link: string;
  let keys: NotebookKeys;
  let salt: string;
  let noteKey: string;

  before(async function () {
    ring = await startAppRing();
    a = await ring.openPerson();
    c = await ring.openPerson();
    await Promise.all([online(a.page), online(c.page)]);
    link = await createSharedNote(a.page, NOTE);
    keys = await deriveKeys(parseLink(link));
    const noteId = await a.page.evaluate(() => window.chordpad?.app.openNotebook?.notes()[0]?.id);
    if (!noteId) throw new Error('A has no note id');
    salt = noteSalt(noteId);
    noteKey = await keyIdOf(keys.publicKey, salt);
  });

  after(async function () {
    await ring?.close();
  });

  it('a tab that stores replicas but never had the link holds only the note’s ciphertext', async function () {
    // The search below finds a plaintext however a field would carry it (here: base64url).
    const control: IdbStoreDump[] = [{ db: 'x', store: 'y', rows: [{ key: 'k', value: { data: Buffer.from(`\u0001${NOTE}`).toString('base64url') } }] }];
    expect(dumpContains(control, 'vault code is 7431')).to.equal(true);

    let dump: IdbStoreDump[] = [];
    let record: SetRecord | undefined;
    const deadline = Date.now() + RING_WAIT_MS;
    while (!record && Date.now() < deadline) {
      dump = await dumpIndexedDb(c.page);
      record = recordIn(dump, noteKey);
      if (!record) await new Promise((r) => setTimeout(r, 500));
    }
    if (!record) throw new Error(`C never stored the note's record ${noteKey}; its databases: ${dump.map((d) => `${d.db}/${d.store} (${d.rows.length})`).join(', ')}`);
    expect(record.publicKey).to.equal(keys.publicKeyText);
    expect(record.salt).to.equal(salt);
    expect(record.entries.length).to.be.greaterThan(0);

    // Those bytes are the note: with the link's key they decrypt to its text.
    const doc = new Y.Doc();
    for (const entry of record.entries) Y.applyUpdate(doc, (await openEntry(keys, salt, entry)).plaintext);
    expect(doc.getText('body').toJSON()).to.equal(NOTE);

    // ...and nothing C stores says it in clear: not the text, not a line of it, not the title.
    for (const needle of [NOTE, ...NOTE.split('\n'), '7431-orchid-lantern']) {
      expect(dumpContains(dump, needle), `C's IndexedDB contains "${needle}"`).to.equal(false);
    }
    // C never opened the notebook: its notes cache lists nothing.
    const notebooks = dump.filter((d) => d.db === 'chordpad-notes' && d.store === 'notebooks').flatMap((d) => d.rows);
    expect(notebooks).to.deep.equal([]);
  });

  it('a record forged with the wrong key is refused by the replicas, and the writer gets the typed error', async function () {
    // 1. Another notebook's signing key: a validly signed update, but not by this notebook's key.
    const mallory = await deriveKeys({ kind: 'write', secret: webcrypto.getRandomValues(new Uint8Array(32)) });
    const wrongKey = await sealEntry({ ...mallory, contentKey: keys.contentKey }, salt, 'update', yjsTextUpdate('FORGED BY MALLORY '));
    // 2. A genuine entry of the note (C holds it) with one ciphertext byte changed, signature kept.
    const genuine = recordIn(await dumpIndexedDb(c.page), noteKey)?.entries[0];
    if (!genuine) throw new Error('C has no entry of the note');
    const data = Buffer.from(genuine.data, 'base64url');
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0xff;
    const tampered = { ...genuine, data: data.toString('base64url') };

    // The key's primary checks every write before storing or forwarding it (DESIGN.md §6).
    const primary = await primaryOf([a, c], noteKey);
    const refusedBefore = await forgedRefusals(primary.page);
    for (const [what, entry] of [['signed with another key', wrongKey], ['ciphertext changed', tampered]] as const) {
      const forged = setRecordOf({ publicKey: keys.publicKeyText, salt }, [entry]);
      const outcome = await putThroughRuntime(c.page, forged);
      expect(outcome, what).to.include({ ok: false, name: 'StoreError', code: 'rejected', reason: 'forged' });
      expect(outcome.message, what).to.match(/refused/);
    }
    expect(await forgedRefusals(primary.page), 'refusals counted at the primary').to.equal(refusedBefore + 2);
    // Nothing of either forgery was stored anywhere, and A's note is as A wrote it.
    for (const tab of [a, c]) {
      const stored = await entryIdsStored(tab.page);
      expect(stored).not.to.include(wrongKey.id);
      expect(stored).not.to.include(tampered.data);
    }
    expect(await editorOf(a.page).inputValue()).to.equal(NOTE);
  });

  it('a read-only link reads the note, cannot edit it, and a forced write is refused', async function () {
    await a.page.getByRole('button', { name: 'Share' }).click();
    const roLink = await a.page.getByRole('textbox', { name: 'Read-only link' }).inputValue();
    await a.page.getByRole('button', { name: 'Done' }).click();
    expect(roLink).to.match(/#ro=[A-Za-z0-9_-]{86}$/);

    const d = await ring.openPerson(ring.withRelay(roLink));
    await d.page.getByRole('button', { name: 'Open note Launch plan' }).click({ timeout: RING_WAIT_MS });
    await waitForEditor(d.page, 'D reads the note', (v) => v === NOTE);

    // The UI says so, and offers no way to edit.
    await d.page.getByRole('note').getByText(/read-only link/).waitFor();
    await d.page.getByText('Read-only link: you can read, not edit.').waitFor();
    expect(await d.page.locator('header').getByText('(read-only)').count()).to.equal(1);
    expect(await editorOf(d.page).isEditable()).to.equal(false);
    expect(await d.page.getByRole('button', { name: 'New note' }).count()).to.equal(0);
    expect(await d.page.getByRole('button', { name: 'Delete note' }).count()).to.equal(0);
    await editorOf(d.page).click();
    await d.page.keyboard.type('typed by D');
    expect(await editorOf(d.page).inputValue()).to.equal(NOTE);

    // The notes layer refuses, and has no key to sign with.
    const refusal = await d.page.evaluate(() => {
      const nb = window.chordpad?.app.openNotebook;
      const id = nb?.notes()[0]?.id;
      if (!nb || !id) return 'no notebook';
      try {
        nb.editNote(id, 'edited through a read-only link');
        return 'edited';
      } catch (e) {
        return `${String(Reflect.get(Object(e), 'code'))}; writable=${nb.writable}; signingKey=${nb.keys.signingKey === undefined ? 'none' : 'present'}`;
      }
    });
    expect(refusal).to.equal('read-only; writable=false; signingKey=none');
    const reader = await deriveKeys(parseLink(roLink));
    expect(reader.signingKey).to.equal(undefined);
    let sealError: unknown;
    await sealEntry(reader, salt, 'update', yjsTextUpdate('x')).catch((e: unknown) => (sealError = e));
    expect(sealError).to.have.property('code', 'read-only');

    // The most a reader can forge: an update encrypted with the content key it has, signed by a key of its own.
    const own = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    const forged = await sealEntry({ ...reader, signingKey: own.privateKey }, salt, 'update', yjsTextUpdate('EDITED BY A READER '));
    const primary = await primaryOf([a, c, d], noteKey);
    const refusedBefore = await forgedRefusals(primary.page);
    const outcome = await putThroughRuntime(d.page, setRecordOf({ publicKey: reader.publicKeyText, salt }, [forged]));
    expect(outcome).to.include({ ok: false, name: 'StoreError', code: 'rejected', reason: 'forged' });
    expect(await forgedRefusals(primary.page), 'refusal counted at the primary').to.equal(refusedBefore + 1);
    for (const tab of [a, c, d]) expect(await entryIdsStored(tab.page)).not.to.include(forged.id);
    expect(await editorOf(a.page).inputValue()).to.equal(NOTE);
    expect(await editorOf(d.page).inputValue()).to.equal(NOTE);
    for (const tab of [a, c, d]) expect(tab.errors.messages).to.deep.equal([]);
  });
});
