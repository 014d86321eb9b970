// The loopback RTCPeerConnection of test/browser/net/loopback-rtc.ts as a Playwright init script:
// it replaces window.RTCPeerConnection before any page script runs, so trystero (and anything else
// in the page) keeps WebRTC on 127.0.0.1 (ENVIRONMENT.md). It also exposes the class as
// `window.LoopbackRTCPeerConnection` for pages that pass a constructor explicitly.
export const loopbackRtcInitScript = `(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || Native.__loopback) return;
  const toLoopback = (text) => text.replace(/ (\\S+) (\\d+) typ host/g, ' 127.0.0.1 $2 typ host');
  class LoopbackRTCPeerConnection extends Native {
    constructor(config) { super({ ...(config || {}), iceServers: [] }); LoopbackRTCPeerConnection.created++; }
    setRemoteDescription(d) {
      return super.setRemoteDescription(d && d.sdp !== undefined ? { type: d.type, sdp: toLoopback(d.sdp) } : d);
    }
    addIceCandidate(c) {
      if (!c || !c.candidate) return super.addIceCandidate(c);
      return super.addIceCandidate({ candidate: toLoopback(c.candidate), sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex, usernameFragment: c.usernameFragment });
    }
  }
  LoopbackRTCPeerConnection.__loopback = true;
  LoopbackRTCPeerConnection.created = 0;
  window.RTCPeerConnection = LoopbackRTCPeerConnection;
  window.LoopbackRTCPeerConnection = LoopbackRTCPeerConnection;
})();`;
