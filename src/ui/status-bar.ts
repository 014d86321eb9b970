// One line of truth at the bottom: the node's state (or "not connected" when no runtime is wired),
// links, estimated ring size, and the sync state of the open notebook and note.

import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Notebook } from '../notes/index.ts';
import { NodeController } from './controllers/node-controller.ts';
import { NotebookController } from './controllers/notebook-controller.ts';
import type { NodeView } from './node-view.ts';
import { syncLabel } from './format.ts';

@customElement('chordpad-status-bar')
export class ChordpadStatusBar extends LitElement {
  private readonly node = new NodeController(this);
  private readonly nb = new NotebookController(this);
  @state() private online = navigator.onLine;
  @property() build = '';
  private readonly onNet = (): void => {
    this.online = navigator.onLine;
  };

  @property({ attribute: false })
  set nodeView(v: NodeView | undefined) {
    this.node.set(v);
  }
  get nodeView(): NodeView | undefined {
    return this.node.view;
  }

  @property({ attribute: false })
  set notebook(v: Notebook | undefined) {
    this.nb.set(v);
  }
  get notebook(): Notebook | undefined {
    return this.nb.value;
  }

  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: center;
      padding: 6px 16px;
      font: 0.85rem var(--cp-font);
      color: var(--cp-muted);
      border-top: 1px solid var(--cp-border);
      background: var(--cp-surface);
    }
    .dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      margin-right: 6px;
      background: var(--cp-ring);
    }
    .online .dot {
      background: var(--cp-ok);
    }
    .joining .dot {
      background: var(--cp-warn);
    }
    .offline .dot {
      background: var(--cp-danger);
    }
    .build {
      margin-left: auto;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onNet);
    addEventListener('offline', this.onNet);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onNet);
    removeEventListener('offline', this.onNet);
  }

  override render() {
    const n = this.node.view;
    const state = !this.online ? 'offline' : (n?.status ?? 'none');
    const label = !this.online ? 'offline' : n ? n.status : 'not connected to the ring';
    const nb = this.nb.value;
    return html`
      <span class=${state} role="status" aria-label="Network status"><span class="dot"></span>${label}</span>
      ${n ? html`<span>${n.links} links</span><span>N ≈ ${Math.round(n.estimatedN)}</span>` : ''}
      ${nb
        ? html`<span aria-label="Notebook sync status">notebook: ${syncLabel(nb.indexStatus())}${nb.remoteState === 'unreachable' ? ' · DHT unreachable' : ''}</span>`
        : ''}
      ${this.build ? html`<span class="build">build ${this.build}</span>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-status-bar': ChordpadStatusBar;
  }
}
