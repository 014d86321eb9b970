// Renders the PWA icons once from public/icons/icon.svg with headless Chromium (run by hand:
// `npx tsx scripts/make-icons.ts`; the small PNGs are committed). The maskable icon keeps the
// artwork inside the 80% safe zone on a full-bleed background, as the maskable spec asks.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('public/icons/icon.svg', 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const shots: { file: string; size: number; maskable: boolean }[] = [
  { file: 'public/icons/icon-192.png', size: 192, maskable: false },
  { file: 'public/icons/icon-512.png', size: 512, maskable: false },
  { file: 'public/icons/maskable-512.png', size: 512, maskable: true },
];
for (const { file, size, maskable } of shots) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.8) : size;
  await page.setContent(
    `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${maskable ? '#3559d6' : 'transparent'}">
       <img src="${dataUrl}" width="${inner}" height="${inner}"></body>`,
  );
  await page.screenshot({ path: file, omitBackground: !maskable });
  console.log(`wrote ${file}`);
}
await browser.close();
