// Registers the service worker (sw/sw.ts, built to /sw.js by vite-plugin-pwa injectManifest) and
// reports when a new version is waiting, so the UI can offer "reload". Registration is plain
// navigator.serviceWorker: the ui folder's import rules admit no virtual:pwa module, and this is
// all the behaviour the prompt needs.

export interface UpdateHandle {
  /** Activates the waiting worker and reloads into the new version. */
  apply(): void;
}

export function registerServiceWorker(url: string, onUpdate: (update: UpdateHandle) => void): void {
  if (!('serviceWorker' in navigator) || !isSecureContext) return;
  let reloading = false;
  const offer = (worker: ServiceWorker): void => {
    onUpdate({
      apply() {
        navigator.serviceWorker.addEventListener('controllerchange', () => {
          if (reloading) return;
          reloading = true;
          location.reload();
        });
        worker.postMessage({ type: 'SKIP_WAITING' });
      },
    });
  };
  navigator.serviceWorker
    .register(url, { scope: './' })
    .then((reg) => {
      // A worker already waiting (installed while another tab held the old one).
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const w = reg.installing;
        w?.addEventListener('statechange', () => {
          // "installed" with an existing controller = an update, not the first install.
          if (w.state === 'installed' && navigator.serviceWorker.controller) offer(w);
        });
      });
    })
    .catch((e: unknown) => console.warn('chordpad: service worker registration failed', e));
}
