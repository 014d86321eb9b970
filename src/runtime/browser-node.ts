// The composition root of a tab's node (DESIGN.md §1): a persistent identity, the WebRTC
// transport behind one signal router (BroadcastChannel, then the trystero room, then the ring),
// the Chord core driven by NodeDriver, bootstrap with room discipline, and the Page Lifecycle.
import { BROWSER_CHORD, type ChordInit } from '../dht/config.ts';
import { ChordNode } from '../dht/node.ts';
import { createPrng } from '../dht/prng.ts';
import { estimateSize } from '../dht/ring.ts';
import { createBroadcastSignaling, type BroadcastSignaling } from '../net/broadcast-channel.ts';
import { createRoomBootstrap, type RoomBootstrap, type RoomStatus } from '../net/room-bootstrap.ts';
import { createSignalRouter } from '../net/signal-router.ts';
import { createWebRtcTransport, type WebRtcTransport } from '../net/webrtc-transport.ts';
import type { WebRtcCounters } from '../net/webrtc-stats.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { PeerEvent } from '../ports/signaling.ts';
import type { RecordCrypto } from '../ports/crypto.ts';
import type { RecordStore } from '../ports/record-store.ts';
import type { KeyId, NodeId, RingId } from '../wire/ids.ts';
import { chordpadError } from './errors.ts';
import { nextBootstrapStep, ringOfOneShouldJoin, type BootstrapStep, type SeenPeer } from './bootstrap-step.ts';
import { greeterPoints, isGreeter } from './greeters.ts';
import { RoomPacer } from './room-pacing.ts';
import { NodeDriver, ringSignalChannel, type LookupResult } from './node-driver.ts';
import { watchPageLifecycle } from './page-lifecycle.ts';
import { createStoreRuntime, type StoreRuntime, type StoreRuntimeInit } from './store-runtime.ts';

export { BROWSER_CHORD };

export interface BrowserNodeInit {
  /** This node's id (from the identity slot; tests may pass one). */
  nodeId: NodeId;
  /** Nostr relays for the bootstrap room; undefined = trystero's public relays. */
  relayUrls?: string[] | undefined;
  appId?: string;
  roomId?: string;
  /** BroadcastChannel name shared by tabs that should meet. */
  channelName?: string;
  chord?: ChordInit;
  /**
   * Listen this long (ms) before starting a ring alone. A peer shows in the trystero room only
   * once trystero's own WebRTC connection to it is up: on loopback that took over 1.5 s with 16
   * tabs starting on 2 cores, and with 1.5 s every one of them saw nobody and started a ring of its
   * own (bench:mesh --timeline), which then took tens of seconds to merge. A tab that sees a ring
   * member joins through it at once; only the lowest of the newcomers it sees waits this long.
   * @default 4000
   */
  discoveryMs?: number;
  /**
   * Past discoveryMs, wait at most this much longer (ms) for a lower newcomer to start the ring
   * before starting one ourselves (the lower tab may be stuck or unable to hear us). @default 6000
   */
  lowerNewcomerPatienceMs?: number;
  /**
   * Give one bootstrap peer this long (ms) to take us in before trying the next. A join opens two
   * links one after the other (to the member, then to our successor), each allowed the core's 4 s
   * requestTimeoutMs; 6 s cut off joins that would have made it (bench:mesh, 32 tabs: 16 of 22
   * failed tries "timed out"). @default 10000
   */
  joinAttemptMs?: number;
  /** ICE servers; tests pass [] to stay on loopback. */
  iceServers?: RTCIceServer[];
  /** Hard cap on RTCPeerConnections. @default 64 */
  maxLinks?: number;
  /** Listen to the page's lifecycle (tests that drive several nodes in one page turn it off). @default true */
  pageLifecycle?: boolean;
  /** Options of the replicated store (replicas, quorum, deadlines). */
  store?: StoreRuntimeInit;
}

export interface BrowserNodeDeps {
  /** Tests pass a subclass that keeps traffic on 127.0.0.1. @default globalThis.RTCPeerConnection */
  RTCPeerConnection?: typeof RTCPeerConnection;
  clock?: Clock;
  logger?: Logger;
  /** Seed of the core's jitter. @default random */
  seed?: number;
  /** This node's records on disk and the crypto that verifies them: with both, the node stores replicas. */
  records?: RecordStore;
  crypto?: RecordCrypto;
}

export type BrowserNodePhase = 'discovering' | 'joining' | 'online' | 'stopped';

export interface BrowserNodeStatus {
  phase: BrowserNodePhase;
  self: NodeId;
  predecessor: NodeId | null;
  successors: NodeId[];
  fingers: NodeId[];
  links: NodeId[];
  estimatedSize: number;
  greeter: boolean;
  inRoom: boolean;
  /** Whether the signaling relays were reachable the last time we tried ('unknown' before any try). */
  relay: 'unknown' | 'reachable' | 'unreachable';
  room: RoomStatus;
  droppedFrames: number;
  /** The last problem a person should know about (relay unreachable, join failing), or null. */
  problem: string | null;
  /** Why this tab started a ring of its own instead of joining one (null: it joined, or has not decided). */
  ringStart: string | null;
}

export interface BrowserNode {
  readonly self: NodeId;
  readonly driver: NodeDriver;
  readonly transport: WebRtcTransport;
  /** put/get on the ring, when the node was given a RecordStore and RecordCrypto. */
  readonly store: StoreRuntime | null;
  status(): BrowserNodeStatus;
  /** Calls `listener` whenever the status may have changed; returns the unsubscribe. */
  onStatus(listener: (status: BrowserNodeStatus) => void): () => void;
  lookup(key: RingId | KeyId): Promise<LookupResult>;
  /** Leaves the ring gracefully and releases every resource. */
  stop(): Promise<void>;
}

/**
 * A peer still in the room (or on the BroadcastChannel) this long after we first saw it is a
 * greeter, not a joiner (a joiner leaves within 2–3 s): members introduce it to their ring (ms;
 * checked twice as often).
 */
const INTRODUCE_AFTER_MS = 5_000;
const DEFAULT_DISCOVERY_MS = 4_000;
const DEFAULT_LOWER_NEWCOMER_PATIENCE_MS = 6_000;
/**
 * A tab that heard an earlier tab announce waits this long (ms, past the discovery wait) to see a
 * ring member before it starts a ring itself. At 32 tabs a member took over 10 s to show through
 * the room (bench:mesh --timeline); a second ring costs a merge, which took 20 s and more.
 */
const FIRST_ANNOUNCER_PATIENCE_MS = 20_000;
/**
 * …and this much longer (ms) for each tab heard before it past the first. Without it, 30 of 32
 * tabs that could not see the first (no trystero connection to anybody for 16 s) each started a
 * ring within 4 s of each other, and merging them took 80 s more (bench:mesh --timeline).
 */
const RANK_STAGGER_MS = 2_000;
/**
 * The first of the tabs heard starts the ring once nobody new has been heard for this long (ms),
 * before the discovery wait is over: 16 tabs starting together were all heard within 1.2 s
 * (bench:mesh --timeline), and the first then sat out 3 s more of the discovery wait.
 */
const ROOM_QUIET_MS = 1_500;
/**
 * Listen from this long (ms) after the relay socket opened if no room announcement came from it,
 * not even ours (the relay forwarded our first announce before it had our subscription). With 32
 * tabs starting on 2 cores the relay's messages reached some pages 11 s late (bench:mesh
 * --timeline); a tab that stopped waiting at 5 s decided it was alone and started a ring of its own.
 */
const HEARING_WAIT_MS = 6_000;
/** Transport counters that explain a failed join try, with the words the problem line uses. */
const LINK_TROUBLE: readonly (readonly [keyof WebRtcCounters, string])[] = [
  ['signalsUnroutable', 'signals with no route'],
  ['refusedByPeer', 'refused by the peer'],
  ['refusedAtCap', 'refused at our link cap'],
  ['connectTimeouts', 'connects timed out'],
  ['negotiationErrors', 'negotiation errors'],
  ['linkFailures', 'links failed'],
];
/** A member that is no greeter leaves the room after this long (ms) without a room signal. */
const ROOM_LEAVE_QUIET_MS = 3_000;
/**
 * …and after this long (ms) in any case. Unbounded, the grace kept a 32-tab start in a livelock:
 * with every tab in the room, room signals never stopped, nobody left, the room stayed a full
 * mesh of 32 and joins kept failing (bench:mesh: not converged after 180 s).
 */
const ROOM_LEAVE_MAX_MS = 10_000;
const ROOM_LEAVE_CHECK_MS = 250;
/**
 * A member goes back into the room as a greeter once the role has held this long (ms), and not
 * sooner than ROOM_REJOIN_GAP_MS after it left: the role flickers while a ring forms
 * (room-pacing.ts).
 */
const GREETER_SETTLE_MS = 3_000;
const ROOM_REJOIN_GAP_MS = 10_000;
/**
 * Waits between rounds of join tries when no member took us in (ms): doubling from the first, at
 * most the second. Short, because while rings form the members change within seconds; a 32-tab
 * bench:mesh run had a tab back off for 16 s while members it could join had appeared.
 */
const JOIN_RETRY_FIRST_MS = 500;
const JOIN_RETRY_MAX_MS = 4_000;
/** A ring of one waits this long (ms) before it joins a peer's ring: see onPeerSeen. */
const RING_OF_ONE_SETTLE_MS = 500;

/** Why a tab started a ring, in the words of its status. */
const RING_START_WORDS: Record<Extract<BootstrapStep, { kind: 'create' }>['reason'], string> = {
  first: 'first of the tabs starting together',
  alone: 'nobody else in the room',
  'first-never-showed': 'the first of the tabs starting together never showed up',
  'lower-never-started': 'the newcomer before us never started a ring',
};

const performanceClock: Clock = { now: () => performance.now() };

export async function startBrowserNode(init: BrowserNodeInit, deps: BrowserNodeDeps = {}): Promise<BrowserNode> {
  const self = init.nodeId;
  const clock = deps.clock ?? performanceClock;
  const router = createSignalRouter();
  const transport = createWebRtcTransport({
    self,
    iceServers: init.iceServers ?? [],
    ...(init.maxLinks !== undefined ? { maxLinks: init.maxLinks } : {}),
  })({
    signal: router,
    RTCPeerConnection: deps.RTCPeerConnection ?? globalThis.RTCPeerConnection,
    clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const seed = deps.seed ?? crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  const node = new ChordNode(self, init.chord ?? BROWSER_CHORD, { rng: createPrng(seed) });
  let store: StoreRuntime | null = null;
  const driver = new NodeDriver(
    {},
    { node, transport, clock, onEffect: (effect) => store?.handle(effect) ?? false, ...(deps.logger ? { logger: deps.logger } : {}) },
  );
  if (deps.records && deps.crypto) {
    const records = deps.records;
    store = createStoreRuntime(init.store ?? {}, { node, store: records, crypto: deps.crypto, clock, run: (step) => driver.run(step) });
    const storeRuntime = store;
    driver.onEvent((event) => storeRuntime.onEvent(event));
    // The records this node kept on disk are its again before it joins (a reload keeps its data).
    await storeRuntime.restore();
  }

  const broadcast: BroadcastSignaling = createBroadcastSignaling({ self, ...(init.channelName ? { channelName: init.channelName } : {}) });
  const listeners = new Set<(status: BrowserNodeStatus) => void>();
  let phase: BrowserNodePhase = 'discovering';
  let problem: string | null = null;
  let ringStart: string | null = null;
  let inRoom = true;
  let greeter = false;
  let relay: BrowserNodeStatus['relay'] = 'unknown';
  /** When a relay connection of the room was first open (null: not yet, or lost since). */
  let roomOnlineAt: number | null = null;
  /** When the relay first brought us a room announcement (null: not yet, or lost since). */
  let hearsRoomSince: number | null = null;
  const notify = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };
  const room: RoomBootstrap = createRoomBootstrap(
    {
      self,
      relayUrls: init.relayUrls,
      ...(init.appId ? { appId: init.appId } : {}),
      ...(init.roomId ? { roomId: init.roomId } : {}),
      rtcConfig: { iceServers: init.iceServers ?? [] },
    },
    {
      ...(deps.RTCPeerConnection ? { rtcPolyfill: deps.RTCPeerConnection } : {}),
      onStatus: (s) => {
        if (s.state === 'unreachable') {
          relay = 'unreachable';
          roomOnlineAt = null;
          hearsRoomSince = null;
        } else if (s.state === 'online') {
          relay = 'reachable';
          roomOnlineAt ??= clock.now();
        }
        notify();
      },
    },
  );
  router.addRoute('broadcast-channel', broadcast.signal, 0);
  router.addRoute('room', room.signal, 1);
  router.addRoute('ring', ringSignalChannel(driver), 2);

  const points = await greeterPoints();
  /** Tells the room and the other tabs how big our ring is (0: on none), for their bootstrap. */
  const advertiseRing = (): void => {
    const snap = node.snapshot();
    const size = snap.joined ? estimateSize(self, snap.successors) : 0;
    room.setRingSize(size);
    broadcast.setRingSize(size);
  };
  const pacer = new RoomPacer({ greeterSettleMs: GREETER_SETTLE_MS, rejoinGapMs: ROOM_REJOIN_GAP_MS });
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  const updateRoomMembership = (): void => {
    advertiseRing();
    const snap = node.snapshot();
    if (!snap.joined || stopped) return;
    greeter = isGreeter(self, snap.predecessor, points);
    const move = pacer.next(clock.now(), { inRoom, greeter });
    clearTimeout(recheckTimer);
    recheckTimer = undefined;
    if (move.kind === 'join') {
      inRoom = true;
      room.join();
    } else if (move.kind === 'leave') {
      leaveRoomWhenQuiet();
    } else if (move.kind === 'recheck') {
      recheckTimer = setTimeout(updateRoomMembership, move.inMs);
    }
  };
  /**
   * Leaves the room once no room member has signaled us for ROOM_LEAVE_QUIET_MS (ROOM_LEAVE_MAX_MS
   * at most). Leaving at once cut off newcomers in the middle of opening their link to us through
   * the room — their only way to reach us — and a 16-tab start lost 4–12 s per newcomer to it
   * (bench:mesh --timeline: joins through the first ring's creator "found no owner" with no link
   * up, again and again).
   */
  let leaveTimer: ReturnType<typeof setInterval> | undefined;
  const leaveRoomWhenQuiet = (): void => {
    if (leaveTimer !== undefined) return;
    let signals = room.stats().signalsReceived;
    let quietSince = clock.now();
    const leaveBy = clock.now() + ROOM_LEAVE_MAX_MS;
    leaveTimer = setInterval(() => {
      const now = clock.now();
      const received = room.stats().signalsReceived;
      if (received !== signals) {
        signals = received;
        quietSince = now;
      }
      if (greeter || !inRoom || stopped) {
        clearInterval(leaveTimer);
        leaveTimer = undefined;
        return;
      }
      if (now - quietSince < ROOM_LEAVE_QUIET_MS && now < leaveBy) return;
      clearInterval(leaveTimer);
      leaveTimer = undefined;
      inRoom = false;
      pacer.left(now);
      void room.leave();
      notify();
    }, ROOM_LEAVE_CHECK_MS);
  };

  /** How one join attempt through a member ended. */
  type JoinOutcome = 'joined' | 'found no owner' | 'routed our id to us' | 'timed out' | 'member left its ring';
  let waiter: ((outcome: JoinOutcome) => void) | null = null;
  driver.onEvent((event) => {
    if (event.type === 'joined') {
      phase = 'online';
      problem = null;
      waiter?.('joined');
    } else if (event.type === 'join_failed') {
      waiter?.(event.reason === 'no_owner' ? 'found no owner' : 'routed our id to us');
    } else if (event.type === 'isolated') {
      phase = 'joining';
      advertiseRing();
      if (!inRoom) {
        inRoom = true;
        room.join();
      }
      void bootstrap();
    }
    if (event.type === 'topology' || event.type === 'joined') updateRoomMembership();
    if (event.type !== 'lookup_done' && event.type !== 'lookup_failed') notify();
  });

  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  /** Wakes a bootstrap that sleeps between tries when a peer appears or tells a new ring size. */
  const peerWakers = new Set<() => void>();
  const sleepUntilPeerNews = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        peerWakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      peerWakers.add(done);
    });
  /**
   * What went wrong with links since `before`, for the problem line of a failed join try, so
   * bench:mesh --timeline tells a refused link from a lookup that failed for another reason.
   */
  const linkTroubleSince = (before: WebRtcCounters): string => {
    const now = transport.stats();
    const trouble = LINK_TROUBLE.map(([key, label]) => [now[key] - before[key], label] as const)
      .filter(([n]) => n > 0)
      .map(([n, label]) => `${n} ${label}`);
    return trouble.length === 0 ? '' : ` (links: ${trouble.join(', ')})`;
  };
  /** The member a join attempt goes through: the attempt ends at once if it says it left its ring. */
  let joiningVia: NodeId | null = null;
  const tryJoin = (peer: NodeId): Promise<JoinOutcome> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => finish('timed out'), init.joinAttemptMs ?? 10_000);
      const finish = (outcome: JoinOutcome): void => {
        clearTimeout(timer);
        waiter = null;
        joiningVia = null;
        resolve(outcome);
      };
      waiter = finish;
      joiningVia = peer;
      driver.join(peer);
      // Off our ring while we join (a ring of one joining a bigger one): newcomers stop joining
      // through us at once, instead of failing with no route until our next advertisement.
      advertiseRing();
    });

  /**
   * One join try through `peer`, its outcome in the problem line when it fails: which link
   * counters moved during it, and where our link to the member stood when the try timed out.
   */
  const joinThrough = async (peer: NodeId): Promise<JoinOutcome> => {
    const before = transport.stats();
    const outcome = await tryJoin(peer);
    if (outcome === 'joined') return outcome;
    const link = outcome === 'timed out' ? `; our link to it: ${transport.describeLinks().find((l) => l.peer === peer)?.state ?? 'none'}` : '';
    problem = `joining through ${peer.slice(0, 8)}: ${outcome}${linkTroubleSince(before)}${link}`;
    notify();
    return outcome;
  };

  let bootstrapping = false;
  let stopped = false;
  /** The ring size `peer` told us, on the BroadcastChannel or in the room (0: none). */
  const advertisedRing = (peer: NodeId): number => Math.max(broadcast.ringSize(peer), room.ringSize(peer));
  /** Everyone the room and the BroadcastChannel show, with the ring size each told. */
  const seenPeers = (): SeenPeer[] =>
    [...new Set([...broadcast.peers(), ...room.peers()])].filter((id) => id !== self).map((id) => ({ id, ring: advertisedRing(id) }));

  /**
   * Joins through a ring member as soon as one shows (bootstrap-step.ts); while only newcomers
   * show, the lowest of them starts the ring once it has listened for discoveryMs and the others
   * wait for its flag, so tabs that start together make one ring.
   */
  async function bootstrap(): Promise<void> {
    if (bootstrapping) return;
    bootstrapping = true;
    let backoffMs = JOIN_RETRY_FIRST_MS;
    const startedAt = clock.now();
    /** How many tabs the room had let us hear, and since when (for the quiet rule of bootstrap-step.ts). */
    let heardCount = -1;
    let heardGrewAt = startedAt;
    try {
      while (!stopped && !node.snapshot().joined) {
        // A relay that stays unreachable is given up on after 5 s; then the BroadcastChannel is all.
        // We listen from the moment the relay brings us a room announcement, ours or another's (a
        // socket may be open for seconds before that on a busy machine, and a tab that decided it
        // was alone meanwhile started a ring of its own), or HEARING_WAIT_MS after it opened at most.
        if (hearsRoomSince === null && room.hearing()) hearsRoomSince = clock.now();
        const hearingWaitedOut = roomOnlineAt !== null && clock.now() - roomOnlineAt >= HEARING_WAIT_MS ? roomOnlineAt + HEARING_WAIT_MS : null;
        const roomSince = hearsRoomSince ?? hearingWaitedOut;
        const listeningSince = relay === 'unreachable' ? startedAt : roomSince === null ? null : Math.max(startedAt, roomSince);
        const heard = relay === 'unreachable' ? null : room.announcers();
        if (heard !== null && heard.lower + heard.higher > heardCount) {
          heardCount = heard.lower + heard.higher;
          heardGrewAt = clock.now();
        }
        const step = nextBootstrapStep({
          self,
          peers: seenPeers(),
          listenedMs: listeningSince === null ? null : clock.now() - listeningSince,
          discoveryMs: init.discoveryMs ?? DEFAULT_DISCOVERY_MS,
          lowerNewcomerPatienceMs: init.lowerNewcomerPatienceMs ?? DEFAULT_LOWER_NEWCOMER_PATIENCE_MS,
          announcers: heard === null ? null : { ...heard, quietMs: clock.now() - Math.max(heardGrewAt, listeningSince ?? heardGrewAt) },
          firstAnnouncerPatienceMs: FIRST_ANNOUNCER_PATIENCE_MS,
          rankStaggerMs: RANK_STAGGER_MS,
          roomQuietMs: ROOM_QUIET_MS,
        });
        if (step.kind === 'wait') {
          await sleep(step.ms);
          continue;
        }
        if (step.kind === 'create') {
          const tabs = heard === null ? 'no relay' : `${heard.lower + heard.higher} other tabs in the room`;
          ringStart = `${RING_START_WORDS[step.reason]} (${tabs}, after ${Math.round(clock.now() - startedAt)} ms)`;
          driver.create();
          phase = 'online';
          updateRoomMembership();
          notify();
          break;
        }
        if (phase !== 'joining') {
          phase = 'joining';
          notify();
        }
        const failed = new Map<JoinOutcome, number>();
        for (const peer of step.via) {
          if (stopped) break;
          const outcome = await joinThrough(peer);
          if (outcome === 'joined') break;
          failed.set(outcome, (failed.get(outcome) ?? 0) + 1);
        }
        if (stopped || node.snapshot().joined) break;
        // Says how the tries ended: the timeline of bench:mesh shows it, and so does the ring view.
        const how = [...failed].map(([outcome, n]) => `${n} ${outcome}`).join(', ');
        problem = `no ring member took us in yet (${step.via.length} tried: ${how}); retrying`;
        notify();
        // Members come and go while rings form (a ring of one that folds into another says 0):
        // news of a peer ends the wait, and the wait stays short.
        await sleepUntilPeerNews(backoffMs);
        backoffMs = Math.min(backoffMs * 2, JOIN_RETRY_MAX_MS);
      }
    } finally {
      bootstrapping = false;
    }
  }

  // A ring of one keeps listening: a peer appearing later may lead to a bigger ring to join.
  const ringOfOneMayJoin = (peer: NodeId): boolean => {
    const snap = node.snapshot();
    return !stopped && waiter === null && snap.joined && ringOfOneShouldJoin(snap, { id: peer, ring: advertisedRing(peer) });
  };
  const firstSeen = new Map<NodeId, number>();
  const onPeerSeen = (peer: NodeId, event: PeerEvent): void => {
    if (event === 'leave') {
      firstSeen.delete(peer);
      return;
    }
    if (!firstSeen.has(peer)) firstSeen.set(peer, clock.now());
    for (const wake of [...peerWakers]) wake();
    const ring = advertisedRing(peer);
    // The member we are joining through left its ring (it is joining a bigger one): try another.
    if (peer === joiningVia && ring === 0) waiter?.('member left its ring');
    if (!ringOfOneMayJoin(peer)) return;
    // Asked again after a moment: a newcomer that has just joined through us may say so in the
    // room before its rectify reaches us, and then its ring is ours.
    setTimeout(() => {
      if (!ringOfOneMayJoin(peer)) return;
      void joinThrough(peer).then((outcome) => {
        if (outcome !== 'joined' && !node.snapshot().joined) void bootstrap();
      });
    }, RING_OF_ONE_SETTLE_MS);
  };
  const offBroadcast = broadcast.onPeer(onPeerSeen);
  const offRoom = room.onPeer(onPeerSeen);
  // Members also introduce the peers that stay in the room or on the BroadcastChannel: those are
  // greeters of some ring (a joiner leaves within seconds), maybe of another ring — tabs that
  // started together, or apart during a relay outage. The core places each on our ring, which zips
  // two rings into one (ring-merge.ts). Fresh peers are left alone: they are joining, and asking
  // them would only open links to nodes that are on no ring yet.
  const introduceSettledPeers = (): void => {
    if (stopped || !node.snapshot().joined) return;
    const now = clock.now();
    for (const peer of new Set([...broadcast.peers(), ...room.peers()])) {
      const seen = firstSeen.get(peer);
      if (peer !== self && seen !== undefined && now - seen >= INTRODUCE_AFTER_MS) driver.introduce(peer);
    }
  };
  const reintroduce = setInterval(introduceSettledPeers, INTRODUCE_AFTER_MS / 2);

  const offLifecycle =
    init.pageLifecycle === false
      ? () => {}
      : watchPageLifecycle({ onWake: () => driver.tickNow(), onLeave: () => void stop() });

  function status(): BrowserNodeStatus {
    const snap = node.snapshot();
    return {
      phase,
      self,
      predecessor: snap.predecessor,
      successors: snap.successors,
      fingers: snap.fingers,
      links: transport.links(),
      estimatedSize: estimateSize(self, snap.successors),
      greeter,
      inRoom,
      relay,
      room: room.status(),
      droppedFrames: driver.counters.droppedFrames + node.counters().dropped,
      problem: relay === 'unreachable' ? chordpadError('relay_unreachable').message : problem,
      ringStart,
    };
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    phase = 'stopped';
    offLifecycle();
    offBroadcast();
    offRoom();
    clearInterval(reintroduce);
    clearInterval(leaveTimer);
    clearTimeout(recheckTimer);
    driver.leave();
    store?.stop();
    broadcast.close();
    await room.stop();
    transport.close();
    notify();
  }

  room.join();
  void bootstrap();

  return {
    self,
    driver,
    transport,
    store,
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lookup: (key) => driver.lookup(key),
    stop,
  };
}
