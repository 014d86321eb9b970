// The lab page in real Chromium: the worker runs the comparison, the charts and the table appear,
// the sliders have accessible names, and moving one starts a new run.
import { expect } from 'chai';
import '../../../src/ui/lab/lab-page.ts';
import type { ChordpadLab } from '../../../src/ui/lab/lab-page.ts';

async function until(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('lab page (Chromium)', () => {
  let el: ChordpadLab;

  before(() => {
    el = document.createElement('chordpad-lab');
    el.nodes = 150;
    document.body.append(el);
  });

  after(() => el.remove());

  it('runs compare in a worker and draws the four charts and the table', async () => {
    await until(() => el.completedRuns >= 1, 'the first run');
    await el.updateComplete;
    const root = el.shadowRoot;
    expect(root).to.not.equal(null);
    expect(root?.querySelectorAll('figure svg').length).to.equal(4);
    const overlays = [...(root?.querySelectorAll('tbody tr td:first-child') ?? [])].map((td) => td.textContent);
    expect(overlays).to.include.members(['chord', 'kademlia', 'pastry', 'can', 'flood', 'walk']);
  });

  it('names every slider for assistive technology', () => {
    const inputs = [...(el.shadowRoot?.querySelectorAll('input[type=range]') ?? [])] as HTMLInputElement[];
    expect(inputs.length).to.equal(4);
    // The accessible name: aria-label, and the visible wrapping <label> says the same.
    const names = inputs.map((i) => i.getAttribute('aria-label') ?? '');
    for (const i of inputs) expect(i.closest('label')?.textContent?.trim()).to.include(i.getAttribute('aria-label') ?? '?');
    for (const want of ['Nodes', 'Failed fraction', 'Flooding TTL', 'Random-walk TTL']) {
      expect(names.some((n) => n.startsWith(want)), `${want} in ${JSON.stringify(names)}`).to.equal(true);
    }
  });

  it('starts a new run when a slider moves', async () => {
    const before = el.completedRuns;
    const slider = el.shadowRoot?.querySelector<HTMLInputElement>('input[name=failedFraction]');
    expect(slider).to.not.equal(null);
    if (slider === null || slider === undefined) return;
    slider.value = '0.1';
    slider.dispatchEvent(new Event('input'));
    await until(() => el.completedRuns > before, 'the run after the slider moved');
    expect(el.failedFraction).to.equal(0.1);
    expect(el.shadowRoot?.querySelector('[role=status]')?.textContent).to.include('10 %');
  });
});
