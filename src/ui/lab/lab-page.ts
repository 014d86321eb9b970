// The simulator lab (lab.html): runs the overlay comparison in a Web Worker for a few thousand
// nodes and draws the same charts as docs/plots, live, as the sliders change.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { parseLabMessage, type LabCharts, type LabRow } from './lab-messages.ts';

/** Wait after the last slider move before starting a run (ms): dragging does not queue runs. */
const RUN_DEBOUNCE_MS = 400;

@customElement('chordpad-lab')
export class ChordpadLab extends LitElement {
  @state() nodes = 1000;
  @state() failedFraction = 0.3;
  @state() floodTtl = 4;
  @state() walkTtl = 32;
  @state() seed = 1;
  @state() status = 'starting the worker…';
  @state() running = false;
  @state() charts: LabCharts = {};
  @state() rows: LabRow[] = [];
  /** Runs finished since the page opened (tests wait on it). */
  @state() completedRuns = 0;

  #worker: Worker | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending = false;

  static override styles = css`
    :host { display: block; max-width: 1400px; margin: 0 auto; padding: 16px; color: #1b1d22; }
    h1 { font-size: 1.3rem; margin: 0 0 4px; }
    p { margin: 4px 0 12px; color: #555; }
    form { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-bottom: 12px; }
    label { display: grid; gap: 4px; font-size: 0.9rem; }
    output { font-variant-numeric: tabular-nums; font-weight: bold; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 12px; }
    .chart { background: #fff; border: 1px solid #ddd; overflow: auto; }
    table { border-collapse: collapse; margin-top: 12px; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
    th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right; }
    th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
    [role='status'] { min-height: 1.4em; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#worker = new Worker(new URL('../../sim/lab-worker.ts', import.meta.url), { type: 'module' });
    this.#worker.addEventListener('message', (e: MessageEvent<unknown>) => this.#onMessage(e.data));
    this.#worker.addEventListener('error', (e) => {
      this.status = `worker error: ${e.message}`;
      this.running = false;
    });
    this.#run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#worker?.terminate();
    this.#worker = undefined;
    clearTimeout(this.#timer);
  }

  #onMessage(data: unknown): void {
    const msg = parseLabMessage(data);
    if (msg === undefined) return;
    if (msg.type === 'progress') {
      this.status = msg.text;
      this.charts = { ...this.charts, ...msg.charts };
    } else if (msg.type === 'result') {
      this.charts = msg.charts;
      this.rows = msg.rows;
      this.running = false;
      this.completedRuns++;
      this.status = `done: N = ${this.nodes}, ${Math.round(this.failedFraction * 100)} % failed`;
      if (this.#pending) this.#run();
    } else if (msg.type === 'error') {
      this.status = `error: ${msg.message}`;
      this.running = false;
    }
  }

  /** Starts a run now, or after the current one finishes. */
  #run(): void {
    if (this.#worker === undefined) return;
    if (this.running) {
      this.#pending = true;
      return;
    }
    this.#pending = false;
    this.running = true;
    this.status = 'running…';
    this.#worker.postMessage({
      type: 'run',
      params: { nodes: this.nodes, failedFraction: this.failedFraction, floodTtl: this.floodTtl, walkTtl: this.walkTtl, seed: this.seed },
    });
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), RUN_DEBOUNCE_MS);
  }

  #slider(label: string, name: 'nodes' | 'failedFraction' | 'floodTtl' | 'walkTtl', min: number, max: number, step: number, shown: string) {
    return html`<label>
      <span>${label}: <output>${shown}</output></span>
      <input type="range" name=${name} aria-label=${label} min=${min} max=${max} step=${step} .value=${String(this[name])}
        @input=${(e: Event) => {
          const v = Number((e.target as HTMLInputElement).value);
          if (Number.isFinite(v)) this[name] = v;
          this.#schedule();
        }} />
    </label>`;
  }

  #chart(name: keyof LabCharts, title: string) {
    const svg = this.charts[name];
    return html`<figure class="chart" aria-label=${title}>${svg !== undefined ? unsafeSVG(svg) : html`<p>…</p>`}</figure>`;
  }

  override render() {
    return html`
      <h1>The seed's overlays side by side</h1>
      <p>Chord, Kademlia, Pastry, CAN (static tables from the oracle), flooding and random walks, simulated
        message by message in a worker on the same nodes, keys and failures.</p>
      <form @submit=${(e: Event) => e.preventDefault()}>
        ${this.#slider('Nodes', 'nodes', 100, 5000, 100, String(this.nodes))}
        ${this.#slider('Failed fraction', 'failedFraction', 0, 0.5, 0.05, `${Math.round(this.failedFraction * 100)} %`)}
        ${this.#slider('Flooding TTL', 'floodTtl', 1, 10, 1, String(this.floodTtl))}
        ${this.#slider('Random-walk TTL', 'walkTtl', 4, 512, 4, String(this.walkTtl))}
      </form>
      <div role="status" aria-live="polite">${this.status}</div>
      <div class="charts">
        ${this.#chart('hops', 'Mean hops vs nodes')} ${this.#chart('messages', 'Messages per lookup vs nodes')}
        ${this.#chart('failures', 'Success vs failed fraction')} ${this.#chart('load', 'Load distribution')}
      </div>
      ${this.rows.length === 0 ? nothing : html`<table>
        <caption>compare at N = ${this.rows[0]?.nodes}, ${Math.round(this.failedFraction * 100)} % failed</caption>
        <thead><tr><th>overlay</th><th>variant</th><th>mean hops</th><th>max hops</th><th>messages/lookup</th>
          <th>state/node</th><th>success</th><th>success after failure</th><th>max/mean keys</th></tr></thead>
        <tbody>${this.rows.map((r) => html`<tr><td>${r.overlay}</td><td>${r.variant}</td><td>${r.meanHops}</td><td>${r.maxHops}</td>
          <td>${r.messagesPerLookup}</td><td>${r.stateEntriesPerNode}</td><td>${r.successRate}</td><td>${r.successRateAfterFail}</td>
          <td>${r.maxKeyLoadOverMean}</td></tr>`)}</tbody>
      </table>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-lab': ChordpadLab;
  }
}
