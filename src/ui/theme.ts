// Shared look: colours as custom properties (they inherit into every shadow root), light and dark
// from prefers-color-scheme, and base styles for controls so every element looks the same.

import { css } from 'lit';

export const themeVars = css`
  :host {
    --cp-bg: #f7f7f4;
    --cp-surface: #ffffff;
    --cp-text: #1d1f23;
    --cp-muted: #5d636e;
    --cp-border: #d9dbe0;
    --cp-accent: #3559d6;
    --cp-accent-text: #ffffff;
    --cp-danger: #b3261e;
    --cp-ok: #1f7a3d;
    --cp-warn: #9a6100;
    --cp-ring: #8a90a0;
    --cp-path: #a3268f;
    --cp-radius: 10px;
    --cp-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color-scheme: light dark;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --cp-bg: #15171b;
      --cp-surface: #1e2127;
      --cp-text: #e8e9ec;
      --cp-muted: #a1a7b3;
      --cp-border: #343944;
      --cp-accent: #8ea6ff;
      --cp-accent-text: #10131a;
      --cp-danger: #ff8a80;
      --cp-ok: #7ddc9a;
      --cp-warn: #f4c066;
      --cp-ring: #6c7386;
      --cp-path: #f28ad8;
    }
  }
`;

export const controls = css`
  :host {
    font-family: var(--cp-font);
    color: var(--cp-text);
  }
  button {
    font: inherit;
    min-height: 40px;
    padding: 0 14px;
    border-radius: var(--cp-radius);
    border: 1px solid var(--cp-border);
    background: var(--cp-surface);
    color: var(--cp-text);
    cursor: pointer;
  }
  button.primary {
    background: var(--cp-accent);
    color: var(--cp-accent-text);
    border-color: var(--cp-accent);
    font-weight: 600;
  }
  button.danger {
    color: var(--cp-danger);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--cp-accent);
    outline-offset: 2px;
  }
  input,
  textarea {
    font: inherit;
    color: var(--cp-text);
    background: var(--cp-surface);
    border: 1px solid var(--cp-border);
    border-radius: var(--cp-radius);
    padding: 8px 10px;
    box-sizing: border-box;
  }
  .muted {
    color: var(--cp-muted);
  }
  .error {
    color: var(--cp-danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
