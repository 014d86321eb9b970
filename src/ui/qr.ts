// A QR code of a link as an SVG data URL for an <img>: uqr renders the SVG; an <img> never runs
// script, so no markup from anywhere is ever parsed into the page.
import { renderSVG } from 'uqr';

export function qrDataUrl(text: string): string {
  const svg = renderSVG(text, { ecc: 'M', border: 2, whiteColor: '#ffffff', blackColor: '#000000' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
