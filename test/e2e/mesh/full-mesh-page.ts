// The baseline of `npm run bench:mesh`: a plain trystero room (Nostr strategy on the local relay),
// where every tab connects to every other — the full mesh Chordpad's ring replaces. With `hold`
// in the query the page joins the room only when the harness calls fullMesh.begin(at), as the
// ring page does (ring-page.ts), so both runs start on the same clock.
import { joinRoom } from 'trystero';

declare global {
  interface Window {
    fullMesh: { peers: number; startedAt: number; begin(at: number): void };
  }
}

const params = new URLSearchParams(location.search);

function join(): void {
  window.fullMesh.startedAt = performance.now();
  const room = joinRoom(
    { appId: params.get('appId') ?? 'chordpad-bench', relayConfig: { urls: (params.get('relays') ?? '').split(',').filter(Boolean) }, rtcConfig: { iceServers: [] } },
    params.get('roomId') ?? 'bench',
  );
  const update = (): void => {
    window.fullMesh.peers = Object.keys(room.getPeers()).length;
    const status = document.getElementById('status');
    if (status) status.textContent = `${window.fullMesh.peers} peers`;
  };
  // trystero 0.25: peer events are handler properties.
  room.onPeerJoin = update;
  room.onPeerLeave = update;
}

window.fullMesh = {
  peers: 0,
  startedAt: performance.now(),
  begin(at) {
    setTimeout(join, Math.max(0, at - Date.now()));
  },
};
if (!params.has('hold')) join();
