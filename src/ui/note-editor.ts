// The editor of one note: a textarea bound to the note's Y.Text. Typing becomes the smallest Yjs
// splice (Notebook.editNote); remote changes rewrite the textarea and keep the caret in place.
// Everything is text: pasted HTML or script stays characters in a textarea, never markup.

import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import { isNotesError, type Notebook } from '../notes/index.ts';
import { NotebookController } from './controllers/notebook-controller.ts';
import { shiftIndex, type YDeltaOp } from './cursor.ts';
import { syncLabel } from './format.ts';
import { controls } from './theme.ts';

@customElement('chordpad-note-editor')
export class ChordpadNoteEditor extends LitElement {
  /** Re-renders on the notebook's events: the sync status below the text changes without typing. */
  private readonly nb = new NotebookController(this);
  @property({ attribute: false }) notebook: Notebook | undefined;
  @property() noteId = '';
  @state() private message = '';
  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  private text: Y.Text | undefined;
  private readonly onRemote = (event: Y.YTextEvent, tx: Y.Transaction): void => {
    if (tx.local) return; // our own typing is already in the textarea
    const ta = this.textarea;
    if (!ta || !this.text) return;
    const delta: YDeltaOp[] = event.delta;
    const start = shiftIndex(ta.selectionStart, delta);
    const end = shiftIndex(ta.selectionEnd, delta);
    ta.value = this.text.toJSON();
    ta.setSelectionRange(start, end);
    this.requestUpdate();
  };

  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-height: 0;
      }
      textarea {
        flex: 1;
        width: 100%;
        min-height: 50vh;
        resize: vertical;
        line-height: 1.5;
        font-size: 1rem;
      }
      .bar {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
        flex-wrap: wrap;
      }
      .error {
        margin: 0;
      }
    `,
  ];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unbind();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('notebook')) this.nb.set(this.notebook);
    if (changed.has('notebook') || changed.has('noteId')) {
      this.unbind();
      this.message = '';
      if (this.notebook && this.noteId) {
        try {
          this.text = this.notebook.noteDoc(this.noteId).doc.getText('body');
          this.text.observe(this.onRemote);
        } catch {
          this.text = undefined;
        }
      }
    }
  }

  override updated(changed: Map<string, unknown>): void {
    // Set the value imperatively once per note, so re-renders never reset the caret.
    if ((changed.has('notebook') || changed.has('noteId')) && this.textarea) this.textarea.value = this.text?.toJSON() ?? '';
  }

  private unbind(): void {
    this.text?.unobserve(this.onRemote);
    this.text = undefined;
  }

  override render() {
    const nb = this.notebook;
    if (!nb || !this.text) return html`<p class="muted">Select a note, or create one.</p>`;
    const status = nb.status(this.noteId);
    return html`
      <textarea
        aria-label="Note text"
        placeholder=${nb.writable ? 'Write here. The first line is the title.' : ''}
        ?readonly=${!nb.writable}
        spellcheck="true"
        @input=${(e: Event) => this.onInput(e)}
      ></textarea>
      ${this.message ? html`<p class="error" role="alert">${this.message}</p>` : ''}
      <div class="bar">
        <span class="muted" aria-label="Note sync status">${syncLabel(status)}</span>
        ${nb.writable
          ? html`<button class="danger" @click=${() => this.onDelete()}>Delete note</button>`
          : html`<span class="muted">Read-only link: you can read, not edit.</span>`}
      </div>
    `;
  }

  private onInput(e: Event): void {
    const ta = e.target;
    if (!(ta instanceof HTMLTextAreaElement) || !this.notebook) return;
    try {
      this.notebook.editNote(this.noteId, ta.value);
      this.message = '';
    } catch (err) {
      // Refused (too large, read-only): put the accepted text back and say why.
      const caret = ta.selectionStart;
      ta.value = this.text?.toJSON() ?? '';
      ta.setSelectionRange(Math.min(caret, ta.value.length), Math.min(caret, ta.value.length));
      this.message = isNotesError(err) ? err.message : String(err);
    }
  }

  private onDelete(): void {
    if (!this.notebook) return;
    this.notebook.deleteNote(this.noteId);
    this.dispatchEvent(new Event('note-deleted', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-note-editor': ChordpadNoteEditor;
  }
}
