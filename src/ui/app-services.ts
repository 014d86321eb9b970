// What the app shell provides to every element through @lit/context: the local cache, and the
// DHT-backed remote and node view once the runtime has them (both absent = local only).

import { createContext } from '@lit/context';
import type { NotebookRemote, NotesCache } from '../notes/index.ts';
import type { NodeView } from './node-view.ts';

export interface AppServices {
  readonly cache: NotesCache;
  readonly remote: NotebookRemote | undefined;
  readonly node: NodeView | undefined;
}

export const servicesContext = createContext<AppServices | undefined>(Symbol('chordpad-services'));
