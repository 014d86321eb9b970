// <chordpad-app>: the shell. Owns the local cache and the open notebook, routes on the URL
// fragment (#nb=… / #ro=…, which never reaches a server), and provides the services (cache,
// DHT remote, node view) to every element through @lit/context. Without a remote and node view
// the app is complete but local only; `connect()` is how the runtime plugs the DHT in.

import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import {
  DEFAULT_CACHE_NAME,
  Notebook,
  capabilityFragment,
  createSecret,
  isNotesError,
  looksLikeLink,
  openCache,
  parseLink,
  type Capability,
  type NotebookRemote,
} from '../notes/index.ts';
import { servicesContext, type AppServices } from './app-services.ts';
import type { NodeStatus, NodeView } from './node-view.ts';
import type { UpdateHandle } from './sw-register.ts';
import { controls, themeVars } from './theme.ts';
import './start-screen.ts';
import './notebook-view.ts';
import './network-view.ts';
import './status-bar.ts';
import './update-prompt.ts';

type Page = 'start' | 'notebook' | 'network';

export interface ConnectDeps {
  readonly remote?: NotebookRemote | undefined;
  readonly node?: NodeView | undefined;
}

@customElement('chordpad-app')
export class ChordpadApp extends LitElement {
  /** IndexedDB database of the notes cache (tests use their own). */
  @property({ attribute: 'cache-name' }) cacheName = DEFAULT_CACHE_NAME;
  /** Build id shown in the status bar (set by main.ts from the build). */
  @property() build = '';

  @provide({ context: servicesContext })
  @state()
  services: AppServices | undefined;

  @state() private page: Page = 'start';
  @state() private notebook: Notebook | undefined;
  @state() private error = '';
  @state() private busy = false;
  @state() pendingUpdate: UpdateHandle | undefined;

  private remote: NotebookRemote | undefined;
  private node: NodeView | undefined;
  private offNode: (() => void) | undefined;
  private nodeStatus: NodeStatus | undefined;
  private readonly onHash = (): void => void this.route();
  private ready: Promise<void> | undefined;

  static override styles = [
    themeVars,
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 100vh;
        min-height: 100dvh;
        background: var(--cp-bg);
      }
      header {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 8px 16px;
        border-bottom: 1px solid var(--cp-border);
        background: var(--cp-surface);
        flex-wrap: wrap;
      }
      .brand {
        font-weight: 700;
        margin-right: auto;
        display: flex;
        align-items: center;
        gap: 8px;
        min-width: 0;
      }
      .brand svg {
        flex: none;
      }
      .nbname {
        font-weight: 400;
        color: var(--cp-muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      header nav {
        display: flex;
        gap: 6px;
      }
      header nav button[aria-current='page'] {
        border-color: var(--cp-accent);
        color: var(--cp-accent);
        font-weight: 600;
      }
      .content {
        flex: 1;
        min-height: 0;
      }
      .loading {
        padding: 24px;
      }
    `,
  ];

  /** The notebook on screen (or the last one opened), if any. */
  get openNotebook(): Notebook | undefined {
    return this.notebook;
  }

  /** Plugs in (or replaces) the DHT remote and node view; reopens the open notebook with them. */
  async connect(deps: ConnectDeps): Promise<void> {
    this.remote = deps.remote;
    this.node = deps.node;
    this.offNode?.();
    this.nodeStatus = deps.node?.status;
    this.offNode = deps.node?.subscribe(() => this.onNodeChange());
    await this.ready;
    if (this.services) this.services = { ...this.services, remote: this.remote, node: this.node };
    const open = this.notebook;
    if (open) await this.openCapability(open.keys.capability, false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    this.ready ??= this.init();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    this.offNode?.();
    this.offNode = undefined;
  }

  /**
   * A notebook opened before this tab was on the ring (a link opened in a new tab: the page loads
   * faster than the node joins) could not reach the DHT; when the node comes online, fetch and
   * publish at once instead of at the next poll.
   */
  private onNodeChange(): void {
    const status = this.node?.status;
    const cameOnline = status === 'online' && this.nodeStatus !== 'online';
    this.nodeStatus = status;
    if (cameOnline) void this.notebook?.sync();
  }

  private async init(): Promise<void> {
    const cache = await openCache(this.cacheName);
    this.services = { cache, remote: this.remote, node: this.node };
    await this.route();
  }

  /** Opens what the URL fragment names; shows the start screen (with a message) otherwise. */
  private async route(): Promise<void> {
    const hash = location.hash;
    if (!looksLikeLink(hash)) {
      if (this.page === 'notebook') this.page = 'start';
      return;
    }
    await this.openLink(hash);
  }

  private async openLink(link: string): Promise<void> {
    let cap: Capability;
    try {
      cap = parseLink(link);
    } catch (e) {
      // Nothing is created for a bad link: say why and stay on the start screen.
      this.error = isNotesError(e) ? e.message : String(e);
      this.page = 'start';
      return;
    }
    await this.openCapability(cap);
  }

  /** Opens a notebook; `show` switches to it (false when only re-opening with a new remote). */
  private async openCapability(cap: Capability, show = true): Promise<void> {
    if (!this.services) return;
    this.busy = show;
    try {
      const nb = await Notebook.open(cap, { cache: this.services.cache, remote: this.remote });
      this.notebook?.close();
      this.notebook = nb;
      this.error = '';
      if (show) this.page = 'notebook';
      const fragment = `#${capabilityFragment(cap)}`;
      if (location.hash !== fragment) history.replaceState(null, '', fragment);
    } catch (e) {
      this.error = isNotesError(e) ? e.message : String(e);
      this.page = 'start';
    } finally {
      this.busy = false;
    }
  }

  private async onCreate(): Promise<void> {
    // This browser may hold the only copy of new notes until peers replicate them: ask that its
    // storage not be evicted under pressure (Chromium grants it e.g. to installed apps).
    void navigator.storage?.persist?.().catch(() => false);
    await this.openCapability({ kind: 'write', secret: createSecret() });
    if (this.notebook?.writable) await this.notebook.createNote('');
    this.requestUpdate();
  }

  private goStart(): void {
    this.notebook?.close();
    this.notebook = undefined;
    this.page = 'start';
    history.replaceState(null, '', location.pathname + location.search);
  }

  override render() {
    const nb = this.notebook;
    const nbName = nb?.notes()[0]?.title;
    return html`
      <header>
        <span class="brand">
          <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"></circle>
            <path d="M12 3 L19 17 M12 3 L5 17" stroke="currentColor" stroke-width="1.5" fill="none"></path>
            <circle cx="12" cy="3" r="2.5" fill="currentColor"></circle>
          </svg>
          Chordpad ${nb ? html`<span class="nbname">· ${nbName ?? 'Empty notebook'}${nb.writable ? '' : ' (read-only)'}</span>` : ''}
        </span>
        <nav aria-label="Pages">
          <button aria-current=${this.page === 'start' ? 'page' : 'false'} @click=${() => this.goStart()}>Notebooks</button>
          ${nb
            ? html`<button aria-current=${this.page === 'notebook' ? 'page' : 'false'} @click=${() => (this.page = 'notebook')}>Notes</button>`
            : ''}
          <button aria-current=${this.page === 'network' ? 'page' : 'false'} @click=${() => (this.page = 'network')}>Network</button>
        </nav>
      </header>
      <div class="content" @create-notebook=${() => this.onCreate()} @open-notebook=${(e: CustomEvent<{ link: string }>) => this.openLink(e.detail.link)}>
        ${this.renderPage()}
      </div>
      <chordpad-status-bar .nodeView=${this.services?.node} .notebook=${nb} .build=${this.build}></chordpad-status-bar>
      <chordpad-update-prompt .handle=${this.pendingUpdate}></chordpad-update-prompt>
    `;
  }

  private renderPage() {
    if (!this.services || this.busy) return html`<p class="loading muted" role="status">Opening…</p>`;
    if (this.page === 'network') return html`<chordpad-network-view .nodeView=${this.services.node}></chordpad-network-view>`;
    if (this.page === 'notebook' && this.notebook) return html`<chordpad-notebook-view .notebook=${this.notebook}></chordpad-notebook-view>`;
    return html`<chordpad-start-screen .error=${this.error}></chordpad-start-screen>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-app': ChordpadApp;
  }
}
