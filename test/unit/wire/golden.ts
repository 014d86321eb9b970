// Golden frames: the exact bytes (as UTF-8 text) that PROTOCOL_VERSION 1 puts on the wire for the
// samples in fixtures.ts. A change here is a wire change: bump PROTOCOL_VERSION and PROTOCOL.md.
import type { Message } from '../../../src/wire/messages.ts';
import { NEIGHBORS_EMPTY, REPLY_FAILED, ROUTE_SIGNAL, SAMPLES } from './fixtures.ts';

export interface Golden {
  message: Message;
  text: string;
}

export const GOLDEN: Golden[] = [
  { message: SAMPLES.ping[0], text: String.raw`{"v":1,"m":{"type":"ping","rid":7}}` },
  { message: SAMPLES.pong[0], text: String.raw`{"v":1,"m":{"type":"pong","rid":4294967295}}` },
  { message: SAMPLES.get_neighbors[0], text: String.raw`{"v":1,"m":{"type":"get_neighbors","rid":0}}` },
  {
    message: SAMPLES.neighbors[0],
    text: String.raw`{"v":1,"m":{"type":"neighbors","rid":12,"predecessor":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","successors":["cccccccccccccccccccccccccccccccccccccccc","dddddddddddddddddddddddddddddddddddddddd"]}}`,
  },
  {
    message: NEIGHBORS_EMPTY,
    text: String.raw`{"v":1,"m":{"type":"neighbors","rid":13,"predecessor":null,"successors":[]}}`,
  },
  { message: SAMPLES.rectify[0], text: String.raw`{"v":1,"m":{"type":"rectify"}}` },
  {
    message: SAMPLES.successor_hint[0],
    text: String.raw`{"v":1,"m":{"type":"successor_hint","candidate":"cccccccccccccccccccccccccccccccccccccccc"}}`,
  },
  {
    message: SAMPLES.introduce[0],
    text: String.raw`{"v":1,"m":{"type":"introduce","candidate":"cccccccccccccccccccccccccccccccccccccccc"}}`,
  },
  {
    message: SAMPLES.leave[0],
    text: String.raw`{"v":1,"m":{"type":"leave","predecessor":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","successors":["cccccccccccccccccccccccccccccccccccccccc","dddddddddddddddddddddddddddddddddddddddd"]}}`,
  },
  {
    message: SAMPLES.route[0],
    text: String.raw`{"v":1,"m":{"type":"route","lid":3,"origin":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","target":"0123456789abcdef0123456789abcdef01234567","hops":2,"timeouts":1,"path":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],"final":false,"reply":true,"via":null,"payload":{"kind":"lookup"}}}`,
  },
  {
    message: ROUTE_SIGNAL,
    text: String.raw`{"v":1,"m":{"type":"route","lid":9,"origin":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","target":"ffffffffffffffffffffffffffffffffffffffff","hops":0,"timeouts":0,"path":[],"final":true,"reply":false,"via":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","payload":{"kind":"signal","to":"ffffffffffffffffffffffffffffffffffffffff","data":"{\"sdp\":\"v=0\\r\\n…\",\"type\":\"offer\"} ✓"}}}`,
  },
  {
    message: SAMPLES.route_ack[0],
    text: String.raw`{"v":1,"m":{"type":"route_ack","lid":3,"origin":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}`,
  },
  {
    message: SAMPLES.route_reply[0],
    text: String.raw`{"v":1,"m":{"type":"route_reply","lid":3,"origin":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","payload":{"kind":"found","owner":"cccccccccccccccccccccccccccccccccccccccc","successors":["dddddddddddddddddddddddddddddddddddddddd","eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"],"hops":2,"timeouts":1,"path":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]}}}`,
  },
  {
    message: REPLY_FAILED,
    text: String.raw`{"v":1,"m":{"type":"route_reply","lid":4,"origin":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","payload":{"kind":"failed","code":"hop_limit"}}}`,
  },
  {
    message: SAMPLES.relay_signal[0],
    text: String.raw`{"v":1,"m":{"type":"relay_signal","from":"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee","data":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"}}`,
  },
];
