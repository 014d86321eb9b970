// The JSON the WebRTC adapter sends through a SignalChannel (DESIGN.md §5). Opaque text to every
// signaling route; only this file writes and reads it. Each message names the sender's
// RTCPeerConnection session (`sid`), so signals of an old connection never touch a new one.
// Remote input: parseSignal returns undefined for anything malformed; it never throws.

/** Version of this signal format; a receiver drops other versions (counted). */
export const SIGNAL_VERSION = 1;
/** An SDP blob is a few KiB; a far bigger one is not from a browser. In characters. */
const MAX_SDP_CHARS = 64 * 1024;
const MAX_SID_CHARS = 64;

export type NegotiationSignal =
  | { v: 1; t: 'desc'; sid: string; type: 'offer' | 'answer'; sdp: string }
  | { v: 1; t: 'cand'; sid: string; candidate: string; sdpMid: string | null; sdpMLineIndex: number | null }
  /**
   * From the polite side (lower id) that wants a link: "please offer". Only the impolite side
   * makes initial offers, so two tabs connecting at once never roll an offer back (Chromium can
   * leave an ICE agent that was rolled back mid-gathering with no candidates: measured, 6 tabs).
   */
  | { v: 1; t: 'invite'; sid: string }
  /** The receiver is at its link cap or closed: the sender's connect() ends as refused. */
  | { v: 1; t: 'reject'; sid: string };

export function encodeSignal(signal: NegotiationSignal): string {
  return JSON.stringify(signal);
}

function field(o: object, key: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, key)) return undefined;
  const value: unknown = Reflect.get(o, key);
  return value;
}

const isSid = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_SID_CHARS;
const isShortText = (x: unknown): x is string => typeof x === 'string' && x.length <= MAX_SDP_CHARS;

export function parseSignal(data: string): NegotiationSignal | undefined {
  if (data.length > MAX_SDP_CHARS * 2) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || field(raw, 'v') !== SIGNAL_VERSION) return undefined;
  const sid = field(raw, 'sid');
  if (!isSid(sid)) return undefined;
  switch (field(raw, 't')) {
    case 'desc': {
      const type = field(raw, 'type');
      const sdp = field(raw, 'sdp');
      if ((type !== 'offer' && type !== 'answer') || !isShortText(sdp)) return undefined;
      return { v: 1, t: 'desc', sid, type, sdp };
    }
    case 'cand': {
      const candidate = field(raw, 'candidate');
      const sdpMid = field(raw, 'sdpMid') ?? null;
      const index = field(raw, 'sdpMLineIndex') ?? null;
      if (!isShortText(candidate)) return undefined;
      if (sdpMid !== null && !isShortText(sdpMid)) return undefined;
      if (index !== null && !(typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < 1024)) return undefined;
      return { v: 1, t: 'cand', sid, candidate, sdpMid, sdpMLineIndex: index };
    }
    case 'reject':
      return { v: 1, t: 'reject', sid };
    case 'invite':
      return { v: 1, t: 'invite', sid };
    default:
      return undefined;
  }
}
