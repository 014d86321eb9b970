// Share a notebook: the full link (read + write) and the read-only link, each copyable, with a QR
// code of the chosen one. A read-only notebook can only pass on its read-only link.

import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatLink, type Notebook } from '../notes/index.ts';
import { qrDataUrl } from './qr.ts';
import { controls } from './theme.ts';

type LinkKind = 'write' | 'read';

@customElement('chordpad-share-dialog')
export class ChordpadShareDialog extends LitElement {
  @property({ attribute: false }) notebook: Notebook | undefined;
  @state() private kind: LinkKind = 'write';
  @state() private copied: LinkKind | '' = '';
  @query('dialog') private dialog!: HTMLDialogElement | null;

  static override styles = [
    controls,
    css`
      dialog {
        border: 1px solid var(--cp-border);
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
        color: var(--cp-text);
        width: min(520px, calc(100vw - 32px));
        padding: 20px;
        box-sizing: border-box;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 45%);
      }
      h2 {
        margin: 0 0 8px;
        font-size: 1.2rem;
      }
      label {
        display: block;
        font-weight: 600;
        margin: 14px 0 6px;
      }
      .row {
        display: flex;
        gap: 8px;
      }
      .row input {
        flex: 1;
        min-width: 0;
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
        line-height: 1.6;
      }
      .qr {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 8px;
        margin-top: 16px;
      }
      .qr img {
        width: 200px;
        height: 200px;
        background: #fff;
        border-radius: 8px;
        image-rendering: pixelated;
      }
      .tabs {
        display: flex;
        gap: 8px;
      }
      .tabs button[aria-pressed='true'] {
        border-color: var(--cp-accent);
        color: var(--cp-accent);
        font-weight: 600;
      }
      .foot {
        display: flex;
        justify-content: flex-end;
        margin-top: 16px;
      }
      p {
        margin: 0;
      }
    `,
  ];

  show(): void {
    this.copied = '';
    if (this.notebook && !this.notebook.writable) this.kind = 'read';
    this.dialog?.showModal();
  }

  close(): void {
    this.dialog?.close();
  }

  private link(kind: LinkKind): string {
    const cap = this.notebook?.capability(kind);
    return cap ? formatLink(location.href, cap) : '';
  }

  override render() {
    const nb = this.notebook;
    const writeLink = nb?.writable ? this.link('write') : '';
    const readLink = nb ? this.link('read') : '';
    const shown = this.kind === 'write' && writeLink ? writeLink : readLink;
    return html`
      <dialog aria-labelledby="share-h" @close=${() => (this.copied = '')}>
        <h2 id="share-h">Share this notebook</h2>
        <p class="muted">Anyone with a link can open the notebook; the key is in the part after #, which is never sent to a server.</p>
        ${writeLink
          ? html`<label for="write-link">Link to read and edit</label>
              <div class="row">
                <input id="write-link" readonly .value=${writeLink} @focus=${(e: Event) => this.selectAll(e)} />
                <button autofocus aria-label="Copy edit link" @click=${() => this.copy('write', writeLink)}>
                  ${this.copied === 'write' ? 'Copied' : 'Copy'}
                </button>
              </div>`
          : ''}
        <label for="read-link">Read-only link</label>
        <div class="row">
          <input id="read-link" readonly .value=${readLink} @focus=${(e: Event) => this.selectAll(e)} />
          <button aria-label="Copy read-only link" @click=${() => this.copy('read', readLink)}>
            ${this.copied === 'read' ? 'Copied' : 'Copy'}
          </button>
        </div>
        <div class="qr">
          ${writeLink
            ? html`<div class="tabs" role="group" aria-label="QR code shows">
                <button aria-pressed=${this.kind === 'write' ? 'true' : 'false'} @click=${() => (this.kind = 'write')}>Edit link</button>
                <button aria-pressed=${this.kind === 'read' ? 'true' : 'false'} @click=${() => (this.kind = 'read')}>Read-only link</button>
              </div>`
            : ''}
          ${shown
            ? html`<img src=${qrDataUrl(shown)} alt=${`QR code of the ${shown === writeLink ? 'edit' : 'read-only'} link`} />`
            : ''}
        </div>
        <div class="foot"><button class="primary" @click=${() => this.close()}>Done</button></div>
      </dialog>
    `;
  }

  private selectAll(e: Event): void {
    if (e.target instanceof HTMLInputElement) e.target.select();
  }

  private async copy(kind: LinkKind, text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = kind;
    } catch {
      // Clipboard refused (permissions, insecure context): select the text for a manual copy.
      const input = this.renderRoot.querySelector<HTMLInputElement>(kind === 'write' ? '#write-link' : '#read-link');
      input?.focus();
      input?.select();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-share-dialog': ChordpadShareDialog;
  }
}
