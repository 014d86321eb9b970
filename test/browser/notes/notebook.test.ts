import { expect } from 'chai';
import { openCache, type NotesCache } from '../../../src/notes/cache.ts';
import { isNotesError } from '../../../src/notes/errors.ts';
import { createSecret, readCapability } from '../../../src/notes/keys.ts';
import { COMPACT_AFTER_ENTRIES, MAX_ENTRY_BYTES } from '../../../src/notes/limits.ts';
import { Notebook, noteSalt } from '../../../src/notes/notebook.ts';
import { FakeRemote, freshCacheName } from './fake-remote.ts';

describe('notes: notebook', function () {
  const opened: { nb: Notebook[]; caches: NotesCache[] } = { nb: [], caches: [] };
  async function cache(name = freshCacheName()): Promise<NotesCache> {
    const c = await openCache(name);
    opened.caches.push(c);
    return c;
  }
  async function open(...args: Parameters<typeof Notebook.open>): Promise<Notebook> {
    const nb = await Notebook.open(...args);
    opened.nb.push(nb);
    return nb;
  }
  afterEach(() => {
    for (const nb of opened.nb.splice(0)) nb.close();
    for (const c of opened.caches.splice(0)) c.close();
  });

  it('creates, edits, lists, searches and deletes notes with no remote (local only)', async () => {
    const nb = await open({ kind: 'write', secret: createSecret() }, { cache: await cache() });
    expect(nb.remoteState).to.equal('none');
    const a = await nb.createNote('Groceries\nmilk, eggs');
    const b = await nb.createNote('Ideas\nchord rings');
    expect(nb.notes().map((n) => n.title).sort()).to.deep.equal(['Groceries', 'Ideas']);
    expect(nb.search('EGGS').map((n) => n.id)).to.deep.equal([a]);
    expect(nb.search('idea').map((n) => n.id)).to.deep.equal([b]);
    expect(nb.status(a)).to.deep.equal({ state: 'local', pending: 1 });
    nb.deleteNote(a);
    expect(nb.notes().map((n) => n.id)).to.deep.equal([b]);
  });

  it('persists in the IndexedDB cache: a reopened notebook has its notes (offline, no remote)', async () => {
    const name = freshCacheName();
    const secret = createSecret();
    const c1 = await openCache(name);
    const nb1 = await Notebook.open({ kind: 'write', secret }, { cache: c1 });
    const id = await nb1.createNote('Persisted\nsurvives a reload');
    nb1.editNote(id, 'Persisted\nsurvives a reload, edited');
    await nb1.idle();
    nb1.close();
    c1.close();

    const c2 = await cache(name);
    const recent = await c2.listNotebooks();
    expect(recent.map((r) => r.name)).to.deep.equal(['Persisted']);
    const nb2 = await open({ kind: 'write', secret }, { cache: c2 });
    expect(nb2.noteText(id)).to.equal('Persisted\nsurvives a reload, edited');
    expect(nb2.status(id).state).to.equal('local');
  });

  it('merges concurrent edits from two writers: both edits kept, same text on both', async () => {
    const secret = createSecret();
    const remote = new FakeRemote();
    const a = await open({ kind: 'write', secret }, { cache: await cache(), remote });
    const id = await a.createNote('Shared\nline');
    expect(await a.flush()).to.equal(0);
    expect(a.status(id)).to.deep.equal({ state: 'replicated', replicas: 3 });

    const b = await open({ kind: 'write', secret }, { cache: await cache(), remote });
    await b.pull();
    expect(b.noteText(id)).to.equal('Shared\nline');

    // Both edit before either sees the other.
    a.editNote(id, 'Shared from A\nline');
    b.editNote(id, 'Shared\nline\nfrom B');
    await a.flush();
    await b.flush();
    await a.pull();
    await b.pull();
    expect(a.noteText(id)).to.equal(b.noteText(id));
    expect(a.noteText(id)).to.include('from A').and.include('from B');
    expect(remote.refused).to.equal(0);
  });

  it('a read-only notebook reads but refuses edits, and a forged entry is refused by replicas and readers', async () => {
    const secret = createSecret();
    const remote = new FakeRemote();
    const w = await open({ kind: 'write', secret }, { cache: await cache(), remote });
    const id = await w.createNote('Public\nread me');
    await w.flush();
    const r = await open(readCapability(w.keys), { cache: await cache(), remote });
    await r.pull();
    expect(r.writable).to.equal(false);
    expect(r.noteText(id)).to.equal('Public\nread me');
    expect(() => r.editNote(id, 'vandalized')).to.throw().with.property('code', 'read-only');

    // A forger with another key publishes into this notebook's record: the replica refuses it.
    const forger = await open({ kind: 'write', secret: createSecret() }, { cache: await cache() });
    const fid = await forger.createNote('forged');
    await forger.idle();
    const forgerEntries = forger.noteDoc(fid).pendingEntries();
    await remote.publish({ publicKey: w.keys.publicKeyText, salt: noteSalt(id) }, forgerEntries);
    expect(remote.refused).to.equal(forgerEntries.length);
    // And a reader that is handed the forged entries directly refuses them too.
    const errors: string[] = [];
    r.events.add((e) => e.type === 'error' && errors.push(e.error.code));
    await r.noteDoc(id).applyRemote(forgerEntries);
    expect(errors).to.include('entry-tampered');
    expect(r.noteText(id)).to.equal('Public\nread me');
  });

  it('refuses an edit that would make a note larger than the limit, keeping the old text', async () => {
    const nb = await open({ kind: 'write', secret: createSecret() }, { cache: await cache() });
    const id = await nb.createNote('Big');
    const huge = 'x'.repeat(MAX_ENTRY_BYTES);
    try {
      nb.editNote(id, huge);
      expect.fail('accepted an oversized note');
    } catch (e) {
      expect(isNotesError(e) && e.code).to.equal('too-large');
      if (isNotesError(e)) expect(e.message).to.match(/limit is 24 KiB/);
    }
    expect(nb.noteText(id)).to.equal('Big');
    nb.editNote(id, 'x'.repeat(MAX_ENTRY_BYTES / 2)); // half the limit is fine
    await nb.idle();
  });

  it('compacts many updates into one snapshot that still holds the text', async () => {
    const secret = createSecret();
    const name = freshCacheName();
    const c = await cache(name);
    const nb = await open({ kind: 'write', secret }, { cache: c });
    const id = await nb.createNote('');
    let text = '';
    for (let i = 0; i < COMPACT_AFTER_ENTRIES + 5; i++) {
      text += `${i} `;
      nb.editNote(id, text);
    }
    await nb.idle();
    expect(nb.noteDoc(id).entryCount()).to.be.lessThan(COMPACT_AFTER_ENTRIES);
    const nb2 = await open({ kind: 'write', secret }, { cache: c });
    expect(nb2.noteText(id)).to.equal(text);
  });

  it('two tabs on one browser cache (no remote) see each other\'s notes and merge concurrent edits', async () => {
    const name = freshCacheName();
    const secret = createSecret();
    const a = await open({ kind: 'write', secret }, { cache: await cache(name) });
    const b = await open({ kind: 'write', secret }, { cache: await cache(name) });
    const id = await a.createNote('Shared in this browser\nline');
    await until(() => b.noteText(id) === 'Shared in this browser\nline', 'tab B to see the note');

    a.editNote(id, 'Shared in this browser from A\nline');
    b.editNote(id, 'Shared in this browser\nline\nfrom B');
    await until(() => a.noteText(id) === b.noteText(id) && a.noteText(id).includes('from A') && a.noteText(id).includes('from B'), 'convergence');
    await a.idle();
    await b.idle();
    // The shared cache holds both tabs' entries: a third tab opening it sees the merged text.
    const c = await open({ kind: 'write', secret }, { cache: await cache(name) });
    expect(c.noteText(id)).to.equal(a.noteText(id));
  });
});

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
