// Numbers behind the ring picture: lookup hops histogram, records stored, replication health.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { NodeController } from './controllers/node-controller.ts';
import type { NodeView } from './node-view.ts';

@customElement('chordpad-stats-panel')
export class ChordpadStatsPanel extends LitElement {
  private readonly node = new NodeController(this);

  @property({ attribute: false })
  set nodeView(v: NodeView | undefined) {
    this.node.set(v);
  }
  get nodeView(): NodeView | undefined {
    return this.node.view;
  }

  static override styles = css`
    :host {
      display: block;
      font-family: var(--cp-font);
      color: var(--cp-text);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    dt {
      color: var(--cp-muted);
    }
    dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    h3 {
      font-size: 0.95rem;
      margin: 0 0 8px;
    }
    .bars {
      display: flex;
      align-items: flex-end;
      gap: 4px;
      height: 120px;
      border-bottom: 1px solid var(--cp-border);
    }
    .bar {
      flex: 1;
      background: var(--cp-accent);
      border-radius: 3px 3px 0 0;
      min-height: 1px;
    }
    .labels {
      display: flex;
      gap: 4px;
      font-size: 0.75rem;
      color: var(--cp-muted);
    }
    .labels span {
      flex: 1;
      text-align: center;
    }
    p {
      color: var(--cp-muted);
    }
    .warn {
      color: var(--cp-warn);
    }
    .muted {
      color: var(--cp-muted);
    }
    .note {
      font-size: 0.8rem;
      margin: 8px 0 0;
    }
    /* A phone: each figure under its label, not squeezed into a narrow second column. */
    @media (max-width: 480px) {
      dl {
        grid-template-columns: 1fr;
        gap: 0;
      }
      dd {
        margin-bottom: 8px;
      }
    }
  `;

  override render() {
    const n = this.node.view;
    if (!n) return html`<p role="status">Not connected to the ring: no lookups or stored records to show.</p>`;
    const hist = n.hopsHistogram;
    const max = Math.max(1, ...hist);
    const total = hist.reduce((a, b) => a + b, 0);
    const mean = total === 0 ? 0 : hist.reduce((a, c, h) => a + c * h, 0) / total;
    const r = n.replication;
    const own = r.healthy + r.underReplicated;
    const short = r.underReplicated > 0;
    return html`
      <dl>
        <dt>Records stored</dt>
        <dd>${n.records} <span class="muted">(${own} own, ${r.replicaCopies} copies for neighbours)</span></dd>
        <dt>Replication</dt>
        <dd class=${short ? 'warn' : ''}>
          ${r.liveReplicas} of ${r.replicas} replicas reachable${short
            ? ` · ${r.underReplicated} own record${r.underReplicated === 1 ? '' : 's'} under-replicated`
            : own > 0
              ? ' · own records fully replicated'
              : ''}
        </dd>
        <dt>Lookups</dt>
        <dd>${total === 0 ? 'none yet' : `${total} · mean ${mean.toFixed(2)} hops`}</dd>
      </dl>
      <h3 id="hist-h">Lookup hops</h3>
      <div class="bars" role="img" aria-labelledby="hist-h" aria-description=${hist.map((c, h) => `${h} hops: ${c}`).join(', ')}>
        ${hist.map((c) => html`<div class="bar" style=${`height:${(100 * c) / max}%`} title=${String(c)}></div>`)}
      </div>
      <div class="labels">${hist.map((_, h) => html`<span>${h}</span>`)}</div>
      <p class="note">Every lookup this tab made, ring maintenance (joining, fingers) included. Reads and writes of notes travel the same routes.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-stats-panel': ChordpadStatsPanel;
  }
}
