import { expect } from 'chai';
import '../../../src/ui/chordpad-app.ts';
import type { ChordpadApp } from '../../../src/ui/chordpad-app.ts';
import type { NodeView } from '../../../src/ui/node-view.ts';
import { capabilityFragment, createSecret, Notebook, openCache, readCapability } from '../../../src/notes/index.ts';
import { accessibleName, byRoleName, deepAll, deepText, until } from './helpers.ts';

async function mountApp(cacheName = `chordpad-ui-test-${crypto.randomUUID()}`, hash = ''): Promise<ChordpadApp> {
  history.replaceState(null, '', location.pathname + location.search + hash);
  const app = document.createElement('chordpad-app');
  app.cacheName = cacheName;
  document.body.append(app);
  await until(() => byRoleName(app.shadowRoot ?? app, 'button', 'Notebooks'), 'the shell');
  return app;
}

function click(el: HTMLElement | undefined, what: string): void {
  if (!el) throw new Error(`no ${what}`);
  el.click();
}

describe('ui: <chordpad-app>', () => {
  let app: ChordpadApp;
  beforeEach(async () => {
    app = await mountApp();
  });
  afterEach(() => {
    app.remove();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('renders the start screen, and every control has an accessible name', async () => {
    await until(() => byRoleName(app.shadowRoot ?? app, 'button', 'Create notebook'), 'Create notebook');
    expect(byRoleName(app.shadowRoot ?? app, 'input', 'Notebook link')).to.not.equal(undefined);
    const controls = deepAll(app.shadowRoot ?? app, 'button, input, textarea, select, a[href]');
    expect(controls.length).to.be.greaterThan(3);
    for (const c of controls) expect(accessibleName(c), c.outerHTML).to.not.equal('');
    expect(deepText(app.shadowRoot ?? app)).to.include('not connected to the ring');
  });

  it('a malformed link shows why and creates nothing', async () => {
    const root = app.shadowRoot ?? app;
    const input = await until(() => byRoleName(root, 'input', 'Notebook link'), 'link input');
    if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
    input.value = `${location.origin}/#nb=AAAAtruncated`;
    input.dispatchEvent(new Event('input'));
    await until(() => !byRoleName(root, 'button', 'Open link')?.hasAttribute('disabled'), 'enabled Open link');
    click(byRoleName(root, 'button', 'Open link'), 'Open link');
    const alert = await until(() => deepAll(root, '[role="alert"]')[0], 'an error');
    expect(alert.textContent).to.match(/not valid: it is truncated/);
    expect(deepText(root)).to.include('None yet on this device');
    expect(location.hash).to.equal('');
  });

  it('creates a notebook, shows pasted HTML as text (never markup), and searches', async () => {
    const root = app.shadowRoot ?? app;
    click(await until(() => byRoleName(root, 'button', 'Create notebook'), 'Create'), 'Create');
    const ta = await until(() => byRoleName(root, 'textarea', 'Note text'), 'editor');
    if (!(ta instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
    expect(location.hash).to.match(/^#nb=[A-Za-z0-9_-]{43}$/);
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    ta.value = evil;
    ta.dispatchEvent(new Event('input'));
    const item = await until(() => byRoleName(root, 'button', /^Open note </), 'the note in the list');
    expect(item.textContent).to.include('<img src=x');
    // No element was made from the text anywhere in the app.
    expect(deepAll(root, 'img[src="x"], script')).to.have.length(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(Reflect.get(window, '__pwned')).to.equal(undefined);

    const search = byRoleName(root, 'input', 'Search notes');
    if (!(search instanceof HTMLInputElement)) throw new Error('no search');
    search.value = 'nothing like this';
    search.dispatchEvent(new Event('input'));
    await until(() => deepText(root).includes('No note matches'), 'no match');
    search.value = 'ONERROR';
    search.dispatchEvent(new Event('input'));
    await until(() => byRoleName(root, 'button', /^Open note </), 'match by text');
  });

  it('share dialog offers both links and a QR code image', async () => {
    const root = app.shadowRoot ?? app;
    click(await until(() => byRoleName(root, 'button', 'Create notebook'), 'Create'), 'Create');
    click(await until(() => byRoleName(root, 'button', 'Share'), 'Share'), 'Share');
    const dialog = await until(() => deepAll(root, 'dialog[open]')[0], 'open dialog');
    const edit = byRoleName(dialog, 'input', 'Link to read and edit');
    const ro = byRoleName(dialog, 'input', 'Read-only link');
    if (!(edit instanceof HTMLInputElement) || !(ro instanceof HTMLInputElement)) throw new Error('no link inputs');
    expect(edit.value).to.match(/#nb=[A-Za-z0-9_-]{43}$/);
    expect(ro.value).to.match(/#ro=[A-Za-z0-9_-]{86}$/);
    expect(byRoleName(dialog, 'button', 'Copy edit link')).to.not.equal(undefined);
    expect(byRoleName(dialog, 'button', 'Copy read-only link')).to.not.equal(undefined);
    const qr = byRoleName(dialog, 'img', /QR code of the edit link/);
    expect(qr?.getAttribute('src')).to.match(/^data:image\/svg\+xml/);
  });

  it('network page says "not connected" without a node view and draws the ring once one is connected', async () => {
    const root = app.shadowRoot ?? app;
    click(byRoleName(root, 'button', 'Network'), 'Network');
    await until(() => deepText(root).includes('Not connected to the ring'), 'not connected');
    expect(deepAll(root, 'svg circle.self')).to.have.length(0);

    const id = (f: number): string => Math.floor(f * 2 ** 32).toString(16).padStart(8, '0') + '0'.repeat(32);
    const listeners = new Set<() => void>();
    const node: NodeView = {
      selfId: id(0.1),
      predecessor: id(0.9),
      successors: [id(0.2), id(0.3)],
      fingers: [id(0.2), id(0.6)],
      links: 4,
      estimatedN: 8,
      storedRanges: [{ from: id(0.9), to: id(0.1), primary: true }],
      storedKeys: [
        { key: id(0.95), primary: true },
        { key: id(0.8), primary: false },
      ],
      records: 3,
      recentLookups: [{ key: id(0.65), path: [id(0.1), id(0.6), id(0.7)], hops: 2 }],
      hopsHistogram: [0, 2, 5],
      replication: { healthy: 2, underReplicated: 0, replicaCopies: 1, replicas: 3, liveReplicas: 3 },
      status: 'online',
      subscribe(fn) {
        listeners.add(fn as () => void);
        return () => listeners.delete(fn as () => void);
      },
    };
    await app.connect({ node });
    await until(() => deepAll(root, 'svg circle.self').length === 1, 'this node drawn');
    expect(deepAll(root, 'svg circle.succ')).to.have.length(2);
    expect(deepAll(root, 'svg path.path')).to.have.length(1);
    expect(deepText(root)).to.include('3 of 3 replicas reachable · own records fully replicated');
    expect(listeners.size).to.be.greaterThan(0);
    // Controllers unsubscribe when their elements leave the page.
    app.remove();
    expect(listeners.size).to.equal(0);
    document.body.append(app);
  });

  it('a read-only link shows the notes, says it is read-only, and the editor refuses typing', async () => {
    app.remove();
    const cacheName = `chordpad-ui-test-${crypto.randomUUID()}`;
    const cache = await openCache(cacheName);
    const writer = await Notebook.open({ kind: 'write', secret: createSecret() }, { cache });
    await writer.createNote('Published\nfor readers');
    const fragment = `#${capabilityFragment(readCapability(writer.keys))}`;
    writer.close();
    cache.close();

    app = await mountApp(cacheName, fragment);
    const root = app.shadowRoot ?? app;
    const ta = await until(() => byRoleName(root, 'textarea', 'Note text'), 'editor');
    if (!(ta instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
    await until(() => ta.value === 'Published\nfor readers', 'the note text');
    expect(ta.readOnly).to.equal(true);
    expect(deepText(root)).to.include('read-only link');
    expect(byRoleName(root, 'button', 'New note')).to.equal(undefined);
    expect(byRoleName(root, 'button', 'Delete note')).to.equal(undefined);
    // Forcing an input event anyway is refused with the read-only message, text unchanged.
    ta.value = 'vandalized';
    ta.dispatchEvent(new Event('input'));
    const alert = await until(() => deepAll(root, '[role="alert"]')[0], 'refusal');
    expect(alert.textContent).to.include('read-only');
    expect(ta.value).to.equal('Published\nfor readers');
  });

  it('an edit over the size limit is refused with a message and the note keeps its text', async () => {
    const root = app.shadowRoot ?? app;
    click(await until(() => byRoleName(root, 'button', 'Create notebook'), 'Create'), 'Create');
    const ta = await until(() => byRoleName(root, 'textarea', 'Note text'), 'editor');
    if (!(ta instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
    ta.value = 'Small note';
    ta.dispatchEvent(new Event('input'));
    ta.value = `Small note${'x'.repeat(30 * 1024)}`;
    ta.dispatchEvent(new Event('input'));
    const alert = await until(() => deepAll(root, '[role="alert"]')[0], 'refusal');
    expect(alert.textContent).to.match(/the limit is 24 KiB/);
    expect(ta.value).to.equal('Small note');
  });

  it('recent notebooks can be reopened and forgotten on this device', async () => {
    const root = app.shadowRoot ?? app;
    click(await until(() => byRoleName(root, 'button', 'Create notebook'), 'Create'), 'Create');
    const ta = await until(() => byRoleName(root, 'textarea', 'Note text'), 'editor');
    if (!(ta instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
    ta.value = 'Remember me';
    ta.dispatchEvent(new Event('input'));
    await until(() => byRoleName(root, 'button', 'Open note Remember me'), 'the note');
    await app.renderRoot.querySelector('chordpad-notebook-view')?.notebook?.idle();
    click(byRoleName(root, 'button', 'Notebooks'), 'Notebooks');
    click(await until(() => byRoleName(root, 'button', 'Open notebook Remember me'), 'recent entry'), 'recent');
    await until(() => byRoleName(root, 'button', 'Open note Remember me'), 'reopened note');
    click(byRoleName(root, 'button', 'Notebooks'), 'Notebooks');
    click(await until(() => byRoleName(root, 'button', 'Forget notebook Remember me on this device'), 'Forget'), 'Forget');
    await until(() => deepText(root).includes('None yet on this device'), 'empty recent list');
  });
});
