// The ring as this tab sees it: an SVG circle with this node, its predecessor, successors and
// fingers placed by id, its own key range as an arc, every key it stores as a tick (its own in
// the accent colour, copies for neighbours in grey), and recent lookup paths as chords.
// Without a node view it says "not connected" and draws no made-up nodes.

import { LitElement, css, html, svg, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { NodeController } from './controllers/node-controller.ts';
import { ringFraction, shortHex } from './format.ts';
import type { NodeView } from './node-view.ts';

/** SVG user units: the ring's centre and radius in a 300 × 300 square... */
const C = 150;
const R = 110;
/** ...inside a viewBox with room at the sides for the node's label wherever it sits. */
const VIEW_BOX = '-40 -6 380 312';
/** Lookup paths drawn at once (the newest). */
const PATHS_SHOWN = 4;

const point = (id: string, r = R): [number, number] => {
  const a = ringFraction(id) * 2 * Math.PI - Math.PI / 2; // id 0 at the top, clockwise
  return [C + r * Math.cos(a), C + r * Math.sin(a)];
};

function arc(from: string, to: string, r: number): string {
  const [x1, y1] = point(from, r);
  const [x2, y2] = point(to, r);
  let span = ringFraction(to) - ringFraction(from);
  if (span <= 0) span += 1;
  return `M ${x1} ${y1} A ${r} ${r} 0 ${span > 0.5 ? 1 : 0} 1 ${x2} ${y2}`;
}

@customElement('chordpad-ring-view')
export class ChordpadRingView extends LitElement {
  private readonly node = new NodeController(this);

  @property({ attribute: false })
  set nodeView(v: NodeView | undefined) {
    this.node.set(v);
  }
  get nodeView(): NodeView | undefined {
    return this.node.view;
  }

  static override styles = css`
    :host {
      display: block;
      font-family: var(--cp-font);
      color: var(--cp-text);
    }
    svg {
      width: 100%;
      max-width: 420px;
      height: auto;
      display: block;
      margin: 0 auto;
    }
    .ring {
      fill: none;
      stroke: var(--cp-ring);
      stroke-width: 1.5;
    }
    .range {
      fill: none;
      stroke-width: 8;
      stroke-linecap: round;
    }
    .range.primary {
      stroke: var(--cp-accent);
    }
    .range.replica {
      stroke: var(--cp-ring);
      opacity: 0.6;
    }
    .key {
      stroke-width: 2;
      stroke-linecap: round;
    }
    .key.primary {
      stroke: var(--cp-accent);
    }
    .key.replica {
      stroke: var(--cp-ring);
    }
    .finger {
      stroke: var(--cp-muted);
      stroke-dasharray: 3 3;
      fill: none;
    }
    .path {
      stroke: var(--cp-path);
      stroke-width: 2;
      fill: none;
      stroke-dasharray: 1;
      animation: draw 700ms ease-out;
    }
    /* A lookup path is drawn hop by hop when it arrives (a new element per lookup). */
    @keyframes draw {
      from {
        stroke-dashoffset: 1;
      }
      to {
        stroke-dashoffset: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .path {
        animation: none;
      }
    }
    .self {
      fill: var(--cp-accent);
    }
    .succ {
      fill: var(--cp-ok);
    }
    .pred {
      fill: var(--cp-warn);
    }
    .fing {
      fill: var(--cp-muted);
    }
    text {
      fill: var(--cp-text);
      font-size: 10px;
    }
    .empty {
      fill: var(--cp-muted);
      font-size: 13px;
    }
    ul.legend {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 14px;
      list-style: none;
      padding: 0;
      margin: 8px 0 0;
      font-size: 0.85rem;
      color: var(--cp-muted);
      justify-content: center;
    }
    .sw.bar {
      width: 14px;
      height: 4px;
      border-radius: 2px;
    }
    .sw {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
      margin-right: 4px;
      vertical-align: middle;
    }
  `;

  override render() {
    const n = this.node.view;
    if (!n) {
      return html`<svg viewBox=${VIEW_BOX} role="img" aria-label="Ring view: not connected to the ring">
          <circle class="ring" cx=${C} cy=${C} r=${R} stroke-dasharray="4 6"></circle>
          <text class="empty" x=${C} y=${C - 6} text-anchor="middle">Not connected to the ring</text>
          <text class="empty" x=${C} y=${C + 14} text-anchor="middle">Notes are kept on this device</text>
        </svg>`;
    }
    const dots: SVGTemplateResult[] = [];
    const dot = (id: string, cls: string, r: number): void => {
      const [x, y] = point(id);
      dots.push(svg`<circle class=${cls} cx=${x} cy=${y} r=${r}><title>${cls} ${shortHex(id)}</title></circle>`);
    };
    for (const f of n.fingers) dot(f, 'fing', 4);
    for (const s of n.successors) dot(s, 'succ', 5);
    if (n.predecessor) dot(n.predecessor, 'pred', 5);
    dot(n.selfId, 'self', 7);
    const [sx, sy] = point(n.selfId);
    // The label sits outside the ring, on the side away from the dot, so it never covers it.
    const side = sx < C - 20 ? 'end' : sx > C + 20 ? 'start' : 'middle';
    const [lx, ly0] = point(n.selfId, side === 'middle' ? R + 16 : R + 12);
    const ly = ly0 + (side === 'middle' ? (sy < C ? -2 : 10) : 4);
    return html`<svg
        viewBox=${VIEW_BOX}
        role="img"
        aria-label=${`Ring view: this node ${shortHex(n.selfId)}, ${n.successors.length} successors, ${n.fingers.length} fingers, ${n.storedKeys.length} stored keys`}
      >
        <circle class="ring" cx=${C} cy=${C} r=${R}></circle>
        ${n.storedRanges.map((r) => svg`<path class=${`range ${r.primary ? 'primary' : 'replica'}`} d=${arc(r.from, r.to, R)}></path>`)}
        ${n.storedKeys.map((k) => {
          const [x1, y1] = point(k.key, R - 9);
          const [x2, y2] = point(k.key, R - 18);
          return svg`<line class=${`key ${k.primary ? 'primary' : 'replica'}`} x1=${x1} y1=${y1} x2=${x2} y2=${y2}><title>${k.primary ? 'record' : 'replica copy'} ${shortHex(k.key)}</title></line>`;
        })}
        ${n.fingers.map((f) => {
          const [x, y] = point(f);
          return svg`<path class="finger" d=${`M ${sx} ${sy} Q ${C} ${C} ${x} ${y}`}></path>`;
        })}
        ${repeat(
          n.recentLookups.slice(0, PATHS_SHOWN).filter((l) => l.path.length > 1),
          (l, i) => (l.seq === undefined ? `${i}:${l.key}` : `seq:${l.seq}`),
          (l) =>
            svg`<path class="path" pathLength="1" d=${`M ${l.path.map((id) => point(id).join(' ')).join(' L ')}`}><title>lookup ${shortHex(l.key)}: ${l.hops} hops</title></path>`,
        )}
        ${dots}
        <text x=${lx} y=${ly} text-anchor=${side}>${shortHex(n.selfId)}</text>
      </svg>
      <ul class="legend" aria-label="Legend">
        <li><span class="sw" style="background:var(--cp-accent)"></span>this node</li>
        <li><span class="sw" style="background:var(--cp-ok)"></span>successors</li>
        <li><span class="sw" style="background:var(--cp-warn)"></span>predecessor</li>
        <li><span class="sw" style="background:var(--cp-muted)"></span>fingers</li>
        <li><span class="sw bar" style="background:var(--cp-path)"></span>lookup paths</li>
        <li><span class="sw bar" style="background:var(--cp-accent)"></span>own key range and keys</li>
        <li><span class="sw bar" style="background:var(--cp-ring)"></span>copies for neighbours</li>
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chordpad-ring-view': ChordpadRingView;
  }
}
