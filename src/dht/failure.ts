// Failure handling: a peer that missed a deadline or whose link failed is removed from every role
// at once, remembered for a while (so stale lists do not bring it back, and so a healed partition
// can be merged), and whatever waited on it moves on (DESIGN.md §3, §4).
import type { NodeId } from '../wire/ids.ts';
import type { NodeState } from './node-state.ts';

export function markFailed(node: NodeState, peer: NodeId, now: number): void {
  const wasLinked = node.links.delete(peer);
  node.linksDirty = true;
  node.lost.set(peer, now + node.config.lostPeerMemoryMs);
  const pending = node.connecting.get(peer);
  node.connecting.delete(peer);
  if (wasLinked || pending) {
    node.initiated.delete(peer);
    node.out.push({ type: 'disconnect', peer });
  }
  const wasFirstSuccessor = node.successors[0] === peer;
  const before = node.successors.length;
  node.successors = node.successors.filter((s) => s !== peer);
  if (node.predecessor === peer) {
    node.predecessor = null;
    node.topologyDirty = true;
  }
  if (node.successors.length !== before) node.topologyDirty = true;
  let fingerChanged = false;
  for (let i = 0; i < node.fingers.length; i++) {
    if (node.fingers[i] === peer) {
      node.fingers[i] = undefined;
      fingerChanged = true;
    }
  }
  if (fingerChanged) {
    node.rebuildFingerSet();
    // Refill soon: fingers are an optimisation, but stale ones cost timeouts on every lookup.
    node.nextFingerSweepAt = Math.min(node.nextFingerSweepAt, now + node.config.hopTimeoutMs);
  }
  for (const [rid, request] of node.requests) {
    if (request.peer === peer) {
      node.requests.delete(rid);
      request.onFail(now);
    }
  }
  for (const hook of node.peerFailedHooks) hook(peer, now);
  if (wasFirstSuccessor) node.nextStabilizeAt = now;
  if (node.successors.length === 0 && node.predecessor === null && node.joined) {
    node.joined = false;
    if (!node.isolatedReported) {
      node.isolatedReported = true;
      node.emit({ type: 'isolated' });
    }
  }
}

export function isRecentlyLost(node: NodeState, peer: NodeId, now: number): boolean {
  const until = node.lost.get(peer);
  return until !== undefined && until > now;
}
