// A tiny dependency-free SVG chart writer: line charts with optional log axes, for the overlay
// docs (docs/plots/*.svg) and the lab page. Pure: returns a string, touches no DOM or file.

export interface Series {
  name: string;
  points: [number, number][];
  /** Draw dashed (claims and formulas beside measurements). */
  dashed?: boolean;
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  xLog?: boolean;
  yLog?: boolean;
  /** Fixed y range; otherwise from the data. */
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
}

/** Colour-blind-safe palette (Okabe–Ito, brown instead of its yellow, which is unreadable on white). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C564B', '#999999'];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A short label for a tick value: 1e5 → "100k", 0.25 → "0.25". */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(+v.toPrecision(3));
}

function niceTicks(lo: number, hi: number, count: number): number[] {
  if (hi <= lo) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = 10 ** e;
    if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
  }
  return out.length > 0 ? out : [lo, hi];
}

export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 400;
  const m = { left: 64, right: 170, top: 36, bottom: 48 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const pts = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = pts.map(([x]) => x).filter((x) => !spec.xLog || x > 0);
  const ys = pts.map(([, y]) => y).filter((y) => !spec.yLog || y > 0);
  let xMin = xs.length > 0 ? Math.min(...xs) : 0;
  let xMax = xs.length > 0 ? Math.max(...xs) : 1;
  let yMin = spec.yMin ?? (spec.yLog ? Math.min(...ys) : Math.min(0, ...ys));
  let yMax = spec.yMax ?? (ys.length > 0 ? Math.max(...ys) : 1);
  if (!Number.isFinite(yMin)) yMin = spec.yLog ? 1 : 0;
  if (!Number.isFinite(yMax) || yMax <= yMin) yMax = yMin + 1;
  if (xMax <= xMin) {
    xMax = xMin + 1;
    if (spec.xLog) xMax = xMin * 10;
  }
  if (spec.xLog) {
    xMin = 10 ** Math.floor(Math.log10(xMin));
    xMax = 10 ** Math.ceil(Math.log10(xMax));
  }
  if (spec.yLog) {
    yMin = 10 ** Math.floor(Math.log10(yMin));
    yMax = 10 ** Math.ceil(Math.log10(yMax));
  }
  const tx = (x: number): number => {
    const f = spec.xLog ? (Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin)) : (x - xMin) / (xMax - xMin);
    return m.left + f * pw;
  };
  const ty = (y: number): number => {
    const f = spec.yLog ? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) : (y - yMin) / (yMax - yMin);
    return m.top + ph - f * ph;
  };
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${esc(spec.title)}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${m.left}" y="20" font-size="14" font-weight="bold">${esc(spec.title)}</text>`);
  const xt = spec.xLog ? logTicks(xMin, xMax) : niceTicks(xMin, xMax, 6);
  const yt = spec.yLog ? logTicks(yMin, yMax) : niceTicks(yMin, yMax, 5);
  for (const v of xt) {
    const x = tx(v).toFixed(1);
    out.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle">${tickLabel(v)}</text>`);
  }
  for (const v of yt) {
    const y = ty(v).toFixed(1);
    out.push(`<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(v)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 10}" text-anchor="middle">${esc(spec.xLabel)}${spec.xLog ? ' (log)' : ''}</text>`);
  out.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}${spec.yLog ? ' (log)' : ''}</text>`);
  spec.series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] ?? '#000';
    const valid = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!spec.xLog || x > 0) && (!spec.yLog || y > 0));
    const path = valid.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${tx(x).toFixed(1)},${ty(y).toFixed(1)}`).join(' ');
    if (valid.length > 0) {
      out.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="5 4"' : ''}><title>${esc(s.name)}</title></path>`);
      if (valid.length <= 40) {
        for (const [x, y] of valid) out.push(`<circle cx="${tx(x).toFixed(1)}" cy="${ty(y).toFixed(1)}" r="3" fill="${colour}"><title>${esc(`${s.name}: ${tickLabel(x)}, ${+y.toPrecision(4)}`)}</title></circle>`);
      }
    }
    const ly = m.top + 10 + i * 18;
    out.push(`<line x1="${m.left + pw + 10}" y1="${ly}" x2="${m.left + pw + 30}" y2="${ly}" stroke="${colour}" stroke-width="2"${s.dashed === true ? ' stroke-dasharray="5 4"' : ''}/>`);
    out.push(`<text x="${m.left + pw + 36}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
