/// <reference types="vite/client" />
// Which Nostr relays the trystero bootstrap room uses (DESIGN.md §5: relays are configuration).
// Order of precedence: `?relays=ws://a,ws://b` in the page URL (a person pointing the app at a
// relay of their own), then the build-time `VITE_RELAY_URLS` (set by `npm start` and the test
// harness to the embedded local relay), then nothing — trystero's public relays.

/** Only WebSocket URLs are relays; anything else in the list is ignored rather than fatal. */
const RELAY_URL = /^wss?:\/\/[^\s,]+$/;

/** Splits a comma-separated list into relay URLs, dropping blanks and non-ws entries. */
export function parseRelayUrls(list: string | null | undefined): string[] {
  if (!list) return [];
  return list
    .split(',')
    .map((u) => u.trim())
    .filter((u) => RELAY_URL.test(u));
}

export interface RelayConfigSources {
  /** The page's query string (location.search). */
  search?: string;
  /** The build-time list (import.meta.env.VITE_RELAY_URLS). */
  buildTime?: string | undefined;
}

/**
 * The relay URLs to pass as trystero's `relayConfig.urls`; `undefined` means "use trystero's
 * defaults" (its public relays), which is what a production build without configuration does.
 */
export function resolveRelayUrls(sources: RelayConfigSources): string[] | undefined {
  const fromQuery = parseRelayUrls(new URLSearchParams(sources.search ?? '').get('relays'));
  if (fromQuery.length > 0) return fromQuery;
  const fromBuild = parseRelayUrls(sources.buildTime);
  if (fromBuild.length > 0) return fromBuild;
  return undefined;
}

/** The relays for this page: URL query, then build-time env, then trystero's public relays. */
export function relayUrlsForPage(): string[] | undefined {
  // Vite replaces import.meta.env at build time; other loaders (the test runner) leave it undefined.
  const buildTime: unknown = (import.meta.env as ImportMetaEnv | undefined)?.VITE_RELAY_URLS;
  return resolveRelayUrls({
    search: typeof location === 'undefined' ? '' : location.search,
    buildTime: typeof buildTime === 'string' ? buildTime : undefined,
  });
}
