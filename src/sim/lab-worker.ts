// The lab page's Web Worker: runs the overlay comparison off the main thread and posts progress,
// partial charts and the result. Messages from the page are checked field by field.
import { runLab, type LabParams } from './plot/lab-run.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}

// A dedicated worker's global scope; the project's lib is DOM, so we name the two members we use.
const scope = globalThis as unknown as WorkerScope;

function parseParams(data: unknown): LabParams | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.type !== 'run' || typeof d.params !== 'object' || d.params === null) return undefined;
  const p = d.params as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof p[k] === 'number' && Number.isFinite(p[k]) ? p[k] : undefined);
  const nodes = num('nodes');
  const failedFraction = num('failedFraction');
  const floodTtl = num('floodTtl');
  const walkTtl = num('walkTtl');
  const seed = num('seed');
  if (nodes === undefined || failedFraction === undefined || floodTtl === undefined || walkTtl === undefined || seed === undefined) return undefined;
  return { nodes, failedFraction, floodTtl, walkTtl, seed };
}

scope.addEventListener('message', (event) => {
  const params = parseParams(event.data);
  if (params === undefined) {
    scope.postMessage({ type: 'error', message: 'malformed run request' });
    return;
  }
  try {
    const result = runLab(params, (text, charts) => scope.postMessage({ type: 'progress', text, charts: charts ?? {} }));
    scope.postMessage({ type: 'result', rows: result.rows, charts: result.charts, params: result.params });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});

scope.postMessage({ type: 'ready' });
