// The "Network" page: the ring picture and the stats side by side (stacked on a phone).

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { NodeView } from './node-view.ts';
import './ring-view.ts';
import './stats-panel.ts';

@customElement('chordpad-network-view')
export class ChordpadNetworkView extends LitElement {
  @property({ attribute: false }) nodeView: NodeView | undefined;

  static override styles = css`
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 24px;
      padding: 16px;
      align-items: start;
      font-family: var(--cp-font);
      color: var(--cp-text);
    }
    @media (max-width: 719px) {
      :host {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    section {
      background: var(--cp-surface);
      border: 1px solid var(--cp-border);
      border-radius: var(--cp-radius);
      padding: 16px;
    }
    h2 {
      font-size: 1.05rem;
      margin: 0 0 12px;
    }
  `;

  override render() {
    return html`
      <section aria-labelledby="ring-h">
        <h2 id="ring-h">Ring</h2>
        <chordpad-ring-view .nodeView=${this.nodeView}></chordpad-ring-view>
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">Statistics</h2>
        <chordpad-stats-panel .nodeView=${this.nodeView}></chordpad-stats-panel>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-network-view': ChordpadNetworkView;
  }
}
