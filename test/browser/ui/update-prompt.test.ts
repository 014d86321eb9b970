import { expect } from 'chai';
import '../../../src/ui/update-prompt.ts';
import { byRoleName, until } from './helpers.ts';

describe('ui: <chordpad-update-prompt>', () => {
  it('shows nothing until a new version waits, then "Reload" applies it and "Later" hides it', async () => {
    const el = document.createElement('chordpad-update-prompt');
    document.body.append(el);
    await el.updateComplete;
    const root = el.shadowRoot ?? el;
    expect(byRoleName(root, 'button', 'Reload')).to.equal(undefined);

    let applied = 0;
    el.handle = { apply: () => applied++ };
    const reload = await until(() => byRoleName(root, 'button', 'Reload'), 'Reload button');
    expect(root.textContent).to.include('New version available');
    reload.click();
    expect(applied).to.equal(1);

    await until(() => byRoleName(root, 'button', 'Dismiss update notice'), 'Later button').then((b) => b.click());
    await until(() => !byRoleName(root, 'button', 'Reload'), 'the prompt to hide');
    el.remove();
  });
});
