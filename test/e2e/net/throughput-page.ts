// Loopback throughput of the WebRTC transport: two transports in one page (signaled in-page),
// one link, messages of a given size sent as fast as send() accepts them; the receiver counts.
// Driven by measure-throughput.ts through `window.measure(messageBytes, totalBytes)`.
import { createWebRtcTransport } from '../../../src/net/webrtc-transport.ts';
import { asNodeId } from '../../../src/wire/ids.ts';
import { InPageSignalHub } from '../../browser/net/in-page-signal.ts';

interface Result {
  messageBytes: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  mebibytesPerSecond: number;
  framesOut: number;
}

declare global {
  interface Window {
    measure(messageBytes: number, totalBytes: number): Promise<Result>;
  }
}

let round = 0;

window.measure = async (messageBytes, totalBytes) => {
  round++;
  const hub = new InPageSignalHub();
  const ida = asNodeId(round.toString(16).padStart(40, 'a'));
  const idb = asNodeId(round.toString(16).padStart(40, 'b'));
  const deps = (id: typeof ida) => ({ signal: hub.channel(id), RTCPeerConnection: window.RTCPeerConnection });
  const a = createWebRtcTransport({ self: ida, maxQueuedBytes: 64 * 1024 * 1024, maxMessageBytes: 4 * 1024 * 1024 })(deps(ida));
  const b = createWebRtcTransport({ self: idb, maxMessageBytes: 4 * 1024 * 1024 })(deps(idb));
  const count = Math.max(1, Math.floor(totalBytes / messageBytes));
  let received = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((r) => (done = r));
  let up: () => void = () => {};
  const linked = new Promise<void>((r) => (up = r));
  a.setHandler({ onLinkUp: () => up(), onLinkDown() {}, onFrame() {} });
  b.setHandler({
    onLinkUp() {},
    onLinkDown() {},
    onFrame() {
      if (++received === count) done();
    },
  });
  a.connect(idb);
  await linked;
  const message = new Uint8Array(messageBytes);
  const start = performance.now();
  let sent = 0;
  // Fill the queue in slices so the page stays responsive; retry when the bounded queue is full.
  while (sent < count) {
    while (sent < count && a.send(idb, message)) sent++;
    await new Promise((r) => setTimeout(r, 0));
  }
  await finished;
  const seconds = (performance.now() - start) / 1000;
  const result: Result = {
    messageBytes,
    messages: count,
    seconds: Number(seconds.toFixed(3)),
    messagesPerSecond: Math.round(count / seconds),
    mebibytesPerSecond: Number(((count * messageBytes) / seconds / 1024 / 1024).toFixed(1)),
    framesOut: a.stats().framesOut,
  };
  a.close();
  b.close();
  return result;
};
