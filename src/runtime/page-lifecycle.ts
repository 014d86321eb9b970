// Page Lifecycle for a node in a tab: hidden tabs get throttled timers and frozen tabs none, so a
// resume or a return to visible ticks at once (the core treats a late tick as a wake-up), and
// pagehide leaves the ring gracefully so neighbours repair at once instead of timing out.

export interface LifecycleHooks {
  onWake(): void;
  onLeave(): void;
}

/** Installs the listeners; returns the function that removes them. */
export function watchPageLifecycle(hooks: LifecycleHooks, target: Window & typeof globalThis = window): () => void {
  const onVisibility = (): void => {
    if (target.document.visibilityState === 'visible') hooks.onWake();
  };
  const onResume = (): void => hooks.onWake();
  const onPageHide = (event: PageTransitionEvent): void => {
    // A page kept in the back/forward cache comes back with its state: it rejoins on pageshow.
    if (!event.persisted) hooks.onLeave();
  };
  target.document.addEventListener('visibilitychange', onVisibility);
  target.document.addEventListener('resume', onResume);
  target.addEventListener('pagehide', onPageHide);
  return () => {
    target.document.removeEventListener('visibilitychange', onVisibility);
    target.document.removeEventListener('resume', onResume);
    target.removeEventListener('pagehide', onPageHide);
  };
}
