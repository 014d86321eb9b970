// Small text helpers shared by the views.

import type { SyncStatus } from '../notes/index.ts';

export function syncLabel(status: SyncStatus): string {
  if (status.state === 'replicated') return `on ${status.replicas} replica${status.replicas === 1 ? '' : 's'}`;
  return status.pending > 0 ? `local only (${status.pending} pending)` : 'local only';
}

export function shortHex(id: string): string {
  return id.slice(0, 8);
}

/** A ring id's position as a fraction of the circle in [0, 1) (first 52 bits are plenty for pixels). */
export function ringFraction(id: string): number {
  const head = Number.parseInt(id.slice(0, 13).padEnd(13, '0'), 16);
  return Number.isFinite(head) ? head / 2 ** 52 : 0;
}

export function relativeTime(epochMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return new Date(epochMs).toLocaleDateString();
}
