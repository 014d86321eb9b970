// The start screen: create a notebook, open a shared link, or reopen a recent notebook from this
// browser's cache. A malformed link shows the parser's message and creates nothing.

import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { NotebookRecord } from '../notes/index.ts';
import { servicesContext, type AppServices } from './app-services.ts';
import { createNotebookEvent, openNotebookEvent } from './events.ts';
import { relativeTime } from './format.ts';
import { controls } from './theme.ts';

@customElement('chordpad-start-screen')
export class ChordpadStartScreen extends LitElement {
  @consume({ context: servicesContext, subscribe: true })
  @property({ attribute: false })
  services: AppServices | undefined;

  /** A message from the last failed open (e.g. a malformed link). */
  @property() error = '';

  @state() private recent: NotebookRecord[] = [];
  @state() private link = '';

  static override styles = [
    controls,
    css`
      :host {
        display: block;
        max-width: 640px;
        margin: 0 auto;
        padding: 24px 16px;
      }
      h1 {
        font-size: 1.6rem;
        margin: 0 0 4px;
      }
      p.lead {
        margin: 0 0 24px;
      }
      section {
        background: var(--cp-surface);
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        padding: 16px;
        margin-bottom: 16px;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 12px;
      }
      form {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      form input {
        flex: 1 1 220px;
        min-width: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        margin-top: 6px;
      }
      li {
        display: flex;
        gap: 6px;
      }
      li button.open {
        flex: 1;
        min-width: 0;
        text-align: left;
        display: flex;
        justify-content: space-between;
        gap: 12px;
        align-items: center;
        padding: 8px 12px;
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .error {
        margin: 12px 0 0;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadRecent();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('services') && changed.get('services') === undefined) void this.loadRecent();
  }

  private async loadRecent(): Promise<void> {
    this.recent = (await this.services?.cache.listNotebooks()) ?? [];
  }

  override render() {
    const now = Date.now();
    return html`
      <h1>Chordpad</h1>
      <p class="lead muted">Encrypted notes stored by the browsers that use them. No server keeps your notes.</p>
      <section aria-labelledby="new-h">
        <h2 id="new-h">Start</h2>
        <button class="primary" @click=${() => this.dispatchEvent(createNotebookEvent())}>Create notebook</button>
      </section>
      <section aria-labelledby="open-h">
        <h2 id="open-h">Open a shared link</h2>
        <form @submit=${(e: Event) => this.onOpen(e)}>
          <input
            aria-label="Notebook link"
            placeholder="https://…/#nb=…"
            autocomplete="off"
            spellcheck="false"
            .value=${this.link}
            @input=${(e: Event) => {
              if (e.target instanceof HTMLInputElement) this.link = e.target.value;
            }}
          />
          <button type="submit" ?disabled=${this.link.trim() === ''}>Open link</button>
        </form>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recent notebooks</h2>
        ${this.recent.length === 0
          ? html`<p class="muted">None yet on this device.</p>`
          : html`<ul>
              ${this.recent.map(
                (r) => html`<li>
                  <button
                    class="open"
                    aria-label=${`Open notebook ${r.name}${r.writable ? '' : ' (read-only)'}`}
                    @click=${() => this.dispatchEvent(openNotebookEvent(`#${r.fragment}`))}
                  >
                    <span class="name">${r.name}${r.writable ? '' : ' · read-only'}</span>
                    <span class="muted">${relativeTime(r.openedAt, now)}</span>
                  </button>
                  <button aria-label=${`Forget notebook ${r.name} on this device`} title="Forget on this device" @click=${() => this.forget(r)}>
                    Forget
                  </button>
                </li>`,
              )}
            </ul>`}
      </section>
    `;
  }

  /** Removes the notebook and its cached notes from this browser (others keep their copies). */
  private async forget(r: NotebookRecord): Promise<void> {
    await this.services?.cache.forgetNotebook(r.id);
    await this.loadRecent();
  }

  private onOpen(e: Event): void {
    e.preventDefault();
    this.dispatchEvent(openNotebookEvent(this.link));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-start-screen': ChordpadStartScreen;
  }
}
