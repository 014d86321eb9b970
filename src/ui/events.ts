// The DOM events the app's elements send up to the shell (bubbling, composed across shadow roots).

export interface OpenNotebookDetail {
  /** A link, a fragment (`#nb=…`) or a bare parameter; the shell parses it strictly. */
  readonly link: string;
}

export type OpenNotebookEvent = CustomEvent<OpenNotebookDetail>;

export function openNotebookEvent(link: string): OpenNotebookEvent {
  return new CustomEvent('open-notebook', { detail: { link }, bubbles: true, composed: true });
}

export function createNotebookEvent(): Event {
  return new Event('create-notebook', { bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'open-notebook': OpenNotebookEvent;
    'create-notebook': Event;
  }
}
