// Turning IndexedDB failures into the port's typed errors. The browser reports a full origin as a
// DOMException named QuotaExceededError (at put or at commit); everything else is `io`.
import type { StoreError } from '../ports/record-store.ts';

function errorName(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string') return err.name;
  return '';
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

export function toStoreError(err: unknown, during: string): StoreError {
  const name = errorName(err);
  if (name === 'QuotaExceededError') {
    return {
      code: 'quota',
      message: `the browser refused to store more while ${during} (QuotaExceededError): this origin's storage is full; free disk space or remove notebooks`,
    };
  }
  return { code: 'io', message: `IndexedDB failed while ${during}: ${name ? `${name}: ` : ''}${errorMessage(err)}` };
}
