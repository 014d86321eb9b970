// The lab worker's messages as the page sees them, checked field by field (the worker is ours,
// but a message is still input: nothing is trusted by cast).

export interface LabRow {
  overlay: string;
  variant: string;
  nodes: number;
  meanHops: number;
  maxHops: number;
  messagesPerLookup: number;
  stateEntriesPerNode: number;
  successRate: number;
  successRateAfterFail: number;
  maxKeyLoadOverMean: number;
}

export type LabCharts = Partial<Record<'hops' | 'messages' | 'failures' | 'load', string>>;

export type LabMessage =
  | { type: 'ready' }
  | { type: 'progress'; text: string; charts: LabCharts }
  | { type: 'result'; rows: LabRow[]; charts: LabCharts }
  | { type: 'error'; message: string };

const CHART_NAMES = ['hops', 'messages', 'failures', 'load'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function parseCharts(v: unknown): LabCharts {
  const out: LabCharts = {};
  if (!isRecord(v)) return out;
  for (const name of CHART_NAMES) {
    const svg = v[name];
    if (typeof svg === 'string' && svg.startsWith('<svg')) out[name] = svg;
  }
  return out;
}

function parseRow(v: unknown): LabRow | undefined {
  if (!isRecord(v)) return undefined;
  const s = (k: string): string => (typeof v[k] === 'string' ? v[k] : '');
  const n = (k: string): number => (typeof v[k] === 'number' ? v[k] : NaN);
  if (typeof v.overlay !== 'string') return undefined;
  return {
    overlay: s('overlay'), variant: s('variant'), nodes: n('nodes'), meanHops: n('meanHops'), maxHops: n('maxHops'),
    messagesPerLookup: n('messagesPerLookup'), stateEntriesPerNode: n('stateEntriesPerNode'), successRate: n('successRate'),
    successRateAfterFail: n('successRateAfterFail'), maxKeyLoadOverMean: n('maxKeyLoadOverMean'),
  };
}

export function parseLabMessage(data: unknown): LabMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'progress':
      return { type: 'progress', text: typeof data.text === 'string' ? data.text : '', charts: parseCharts(data.charts) };
    case 'result': {
      const rows = Array.isArray(data.rows) ? data.rows.map(parseRow).filter((r): r is LabRow => r !== undefined) : [];
      return { type: 'result', rows, charts: parseCharts(data.charts) };
    }
    case 'error':
      return { type: 'error', message: typeof data.message === 'string' ? data.message : 'unknown error' };
    default:
      return undefined;
  }
}
