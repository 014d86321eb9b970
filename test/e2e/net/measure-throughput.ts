// Loopback throughput of the WebRTC transport in headless Chromium, printed as a table and, last,
// one JSON line. Not a test (no assertions; the machine is shared): a measurement for docs/mesh.md.
//   npx tsx test/e2e/net/measure-throughput.ts
import { launchChromium, newPerson, newTab } from '../harness/browser.ts';
import { startTestServer } from '../harness/servers.ts';

const CASES: { messageBytes: number; totalBytes: number }[] = [
  { messageBytes: 100, totalBytes: 2 * 1024 * 1024 },
  { messageBytes: 1024, totalBytes: 8 * 1024 * 1024 },
  { messageBytes: 16 * 1024, totalBytes: 64 * 1024 * 1024 },
  { messageBytes: 256 * 1024, totalBytes: 64 * 1024 * 1024 },
];

const server = await startTestServer();
const browser = await launchChromium();
try {
  const tab = await newTab(await newPerson(browser));
  await tab.page.goto(`${server.origin}/test/e2e/net/throughput-page.html`);
  await tab.page.waitForFunction(() => typeof window.measure === 'function');
  const rows = [];
  for (const c of CASES) {
    const row = await tab.page.evaluate(([m, t]) => window.measure(m, t), [c.messageBytes, c.totalBytes] as const);
    rows.push(row);
    console.log(`${String(row.messageBytes).padStart(7)} B messages: ${String(row.messagesPerSecond).padStart(7)} msg/s  ${String(row.mebibytesPerSecond).padStart(6)} MiB/s  (${row.messages} in ${row.seconds} s, ${row.framesOut} frames)`);
  }
  if (tab.errors.messages.length > 0) console.log('page errors:', tab.errors.messages);
  console.log(JSON.stringify({ measurement: 'webrtc-transport-loopback', rows }));
} finally {
  await browser.close();
  await server.close();
}
