// Test configuration, not product code (ENVIRONMENT.md): an RTCPeerConnection that keeps every
// connection on loopback. Chromium binds host candidates to the wildcard address, so rewriting the
// remote side's host candidates to 127.0.0.1 connects without touching any real interface; with
// `iceServers: []` no STUN/TURN traffic leaves the machine either.

/** Rewrites every host candidate address in an SDP blob or candidate line to 127.0.0.1. */
export function toLoopback(text: string): string {
  return text.replace(/ (\S+) (\d+) typ host/g, ' 127.0.0.1 $2 typ host');
}

export class LoopbackRTCPeerConnection extends RTCPeerConnection {
  constructor(config?: RTCConfiguration) {
    super({ ...config, iceServers: [] });
  }

  override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    return super.setRemoteDescription(
      description.sdp === undefined ? description : { type: description.type, sdp: toLoopback(description.sdp) },
    );
  }

  override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
    if (!candidate?.candidate) return super.addIceCandidate(candidate ?? undefined);
    return super.addIceCandidate({ ...candidate, candidate: toLoopback(candidate.candidate) });
  }
}
