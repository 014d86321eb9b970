// "New version available — reload": shown when the service worker has a newer app shell waiting.

import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { UpdateHandle } from './sw-register.ts';
import { controls } from './theme.ts';

@customElement('chordpad-update-prompt')
export class ChordpadUpdatePrompt extends LitElement {
  @property({ attribute: false }) handle: UpdateHandle | undefined;

  static override styles = [
    controls,
    css`
      :host {
        position: fixed;
        left: 50%;
        bottom: 48px;
        transform: translateX(-50%);
        z-index: 10;
      }
      div {
        display: flex;
        gap: 12px;
        align-items: center;
        padding: 10px 14px;
        border-radius: var(--cp-radius);
        background: var(--cp-surface);
        border: 1px solid var(--cp-accent);
        box-shadow: 0 4px 16px rgb(0 0 0 / 20%);
      }
    `,
  ];

  override render() {
    if (!this.handle) return html``;
    return html`<div role="status">
      <span>New version available</span>
      <button class="primary" @click=${() => this.handle?.apply()}>Reload</button>
      <button aria-label="Dismiss update notice" @click=${() => (this.handle = undefined)}>Later</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-update-prompt': ChordpadUpdatePrompt;
  }
}
