// A notebook: the note list (search by title and text, newest first, sync state per note) beside
// the editor; on a phone-sized screen the list sits above the editor.

import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { isNotesError, type Notebook } from '../notes/index.ts';
import { NotebookController } from './controllers/notebook-controller.ts';
import { syncLabel } from './format.ts';
import { controls } from './theme.ts';
import './note-editor.ts';
import './share-dialog.ts';
import type { ChordpadShareDialog } from './share-dialog.ts';

@customElement('chordpad-notebook-view')
export class ChordpadNotebookView extends LitElement {
  private readonly nb = new NotebookController(this, (e) => {
    if (e.type === 'error') this.message = e.error.message;
  });

  @property({ attribute: false })
  set notebook(value: Notebook | undefined) {
    this.nb.set(value);
    this.selected = value?.notes()[0]?.id ?? '';
  }
  get notebook(): Notebook | undefined {
    return this.nb.value;
  }

  @state() private selected = '';
  @state() private query = '';
  @state() private message = '';

  static override styles = [
    controls,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(220px, 300px) 1fr;
        gap: 16px;
        padding: 16px;
        min-height: 0;
      }
      @media (max-width: 719px) {
        :host {
          grid-template-columns: 1fr;
          padding: 12px;
        }
        nav ul {
          max-height: 30vh;
        }
      }
      nav {
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-width: 0;
      }
      .actions {
        display: flex;
        gap: 8px;
      }
      .actions button {
        flex: 1;
      }
      input[type='search'] {
        width: 100%;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
      }
      li + li {
        margin-top: 4px;
      }
      li button {
        width: 100%;
        text-align: left;
        display: flex;
        flex-direction: column;
        align-items: stretch;
        padding: 8px 12px;
        height: auto;
      }
      li button[aria-current='true'] {
        border-color: var(--cp-accent);
        box-shadow: inset 3px 0 0 var(--cp-accent);
      }
      .title {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .sync {
        font-size: 0.8rem;
      }
      main {
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .ro {
        margin: 0;
        padding: 8px 12px;
        border-radius: var(--cp-radius);
        border: 1px solid var(--cp-warn);
        color: var(--cp-warn);
      }
    `,
  ];

  override render() {
    const nb = this.notebook;
    if (!nb) return html`<p class="muted">No notebook open.</p>`;
    const notes = nb.search(this.query);
    const all = nb.notes();
    const selected = all.some((n) => n.id === this.selected) ? this.selected : (all[0]?.id ?? '');
    return html`
      <nav aria-label="Notes">
        <div class="actions">
          ${nb.writable ? html`<button class="primary" @click=${() => this.onNew()}>New note</button>` : ''}
          <button @click=${() => this.onShare()}>Share</button>
        </div>
        <input
          type="search"
          aria-label="Search notes"
          placeholder="Search title and text"
          .value=${this.query}
          @input=${(e: Event) => {
            if (e.target instanceof HTMLInputElement) this.query = e.target.value;
          }}
        />
        ${notes.length === 0
          ? html`<p class="muted">${all.length === 0 ? 'No notes yet.' : 'No note matches.'}</p>`
          : html`<ul>
              ${notes.map(
                (n) => html`<li>
                  <button
                    aria-current=${n.id === selected ? 'true' : 'false'}
                    aria-label=${`Open note ${n.title}`}
                    @click=${() => (this.selected = n.id)}
                  >
                    <span class="title">${n.title}</span>
                    <span class="sync muted">${syncLabel(nb.status(n.id))}</span>
                  </button>
                </li>`,
              )}
            </ul>`}
      </nav>
      <main>
        ${nb.writable ? '' : html`<p class="ro" role="note">Opened with a read-only link: you can read these notes, not edit them.</p>`}
        ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : ''}
        ${selected
          ? html`<chordpad-note-editor .notebook=${nb} .noteId=${selected} @note-deleted=${() => (this.selected = '')}></chordpad-note-editor>`
          : html`<p class="muted">${nb.writable ? 'Create a note to start writing.' : 'This notebook has no notes yet.'}</p>`}
      </main>
      <chordpad-share-dialog .notebook=${nb}></chordpad-share-dialog>
    `;
  }

  private async onNew(): Promise<void> {
    const nb = this.notebook;
    if (!nb) return;
    try {
      this.selected = await nb.createNote('');
      this.message = '';
      await this.updateComplete;
      this.renderRoot.querySelector('chordpad-note-editor')?.renderRoot.querySelector('textarea')?.focus();
    } catch (e) {
      this.message = isNotesError(e) ? e.message : String(e);
    }
  }

  private onShare(): void {
    const dialog: ChordpadShareDialog | null = this.renderRoot.querySelector('chordpad-share-dialog');
    dialog?.show();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-notebook-view': ChordpadNotebookView;
  }
}
