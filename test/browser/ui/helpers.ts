// Small DOM helpers for the UI tests: wait for a condition, walk shadow roots, accessible names.

export async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every element matching `selector` in `root` and all shadow roots below it. */
export function deepAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, selector));
  return out;
}

export function deepText(root: ParentNode): string {
  let text = '';
  for (const el of [root, ...deepAll(root, '*')]) {
    const host = el instanceof Element ? el.shadowRoot : null;
    if (host) text += ` ${host.textContent ?? ''}`;
  }
  return `${root instanceof Element ? (root.textContent ?? '') : ''} ${text}`;
}

/** The accessible name a control gets from aria-label, aria-labelledby, a <label for> or its text. */
export function accessibleName(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria.trim();
  const root = el.getRootNode();
  const by = el.getAttribute('aria-labelledby');
  if (by && root instanceof ShadowRoot) return by.split(' ').map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
  if (el.id && root instanceof ShadowRoot) {
    const label = root.querySelector(`label[for="${el.id}"]`);
    if (label) return (label.textContent ?? '').trim();
  }
  if (el instanceof HTMLImageElement) return el.alt.trim();
  return (el.textContent ?? '').trim();
}

export function byRoleName(root: ParentNode, selector: string, name: string | RegExp): HTMLElement | undefined {
  return deepAll(root, selector).find((el): el is HTMLElement => {
    const n = accessibleName(el);
    return el instanceof HTMLElement && (typeof name === 'string' ? n === name : name.test(n));
  });
}
