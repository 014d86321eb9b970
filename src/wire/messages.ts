// The one tagged union of Chordpad's wire messages (CONVENTIONS.md §5), as valibot schemas from
// which the TypeScript types are inferred, so the codec and the types can never disagree.
// Every flow is drawn in PROTOCOL.md next to this file.
import * as v from 'valibot';
import { isRingId, type NodeId, type RingId } from './ids.ts';
import { StoreMessageSchemas, StoreReplyPayloadSchemas, StoreRoutedPayloadSchemas } from './records.ts';

/** Longest lookup path a message may carry; a route that needs more hops fails with hop_limit. */
export const MAX_PATH = 64;
/** Longest successor list on the wire (the simulator's ToN setting is r = 20). */
export const MAX_SUCCESSORS = 64;
/** Longest list of fingers by rank on the wire: ranks 2^0 … 2^31 cover rings of 2^32 nodes. */
export const MAX_RANK_FINGERS = 32;
/** Largest opaque signaling payload (an SDP offer with all candidates is ~2–6 KiB). */
export const MAX_SIGNAL_CHARS = 32 * 1024;

const u32 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));
const nodeId = v.custom<NodeId>(isRingId, 'expected a 160-bit hex node id');
const ringId = v.custom<RingId>(isRingId, 'expected a 160-bit hex ring id');
const nodeList = (max: number) => v.pipe(v.array(nodeId), v.maxLength(max));

/** What a routed message asks of the node that owns its target. */
export const RoutedPayloadSchema = v.variant('kind', [
  /** Find the owner of the target; the owner answers with itself and its successors. */
  v.object({ kind: v.literal('lookup') }),
  /**
   * Deliver WebRTC signaling to node `to` (DESIGN.md §5, ring-relayed SDP). The route's target
   * is `to`, or a ring member that holds a direct link to `to` while `to` is still joining.
   */
  v.object({ kind: v.literal('signal'), to: nodeId, data: v.pipe(v.string(), v.maxLength(MAX_SIGNAL_CHARS)) }),
  /** The replicated store (DESIGN.md §6): store_put and store_get, routed to the key's owner (records.ts). */
  ...StoreRoutedPayloadSchemas,
]);

export const FailureCodeSchema = v.picklist(['no_route', 'hop_limit', 'unknown_node', 'timeout']);

/** The answer a routed message's owner sends back along the reverse path. */
export const ReplyPayloadSchema = v.variant('kind', [
  v.object({
    kind: v.literal('found'),
    owner: nodeId,
    successors: nodeList(MAX_SUCCESSORS),
    hops: count,
    timeouts: count,
    path: nodeList(MAX_PATH),
  }),
  v.object({ kind: v.literal('failed'), code: FailureCodeSchema }),
  /** The store's answers: stored (W replicas persisted), store_failed (typed), record (a read). */
  ...StoreReplyPayloadSchemas,
]);

export const MessageSchema = v.variant('type', [
  /** Liveness probe of a link's peer (predecessor check). */
  v.object({ type: v.literal('ping'), rid: u32 }),
  v.object({ type: v.literal('pong'), rid: u32 }),
  /** Stabilize: ask a successor for its predecessor and successor list (Zave's "query"). */
  v.object({ type: v.literal('get_neighbors'), rid: u32 }),
  v.object({
    type: v.literal('neighbors'),
    rid: u32,
    predecessor: v.nullable(nodeId),
    successors: nodeList(MAX_SUCCESSORS),
    /**
     * Only from nodes that choose fingers by rank (ChordInit.fingersBy): the nodes 1, 2, 4, 8, …
     * places after the sender, as far as it knows them without a gap.
     */
    fingers: v.optional(nodeList(MAX_RANK_FINGERS)),
  }),
  /** "I may be your predecessor" — Zave's rectify, which replaces Chord's notify. */
  v.object({ type: v.literal('rectify') }),
  /**
   * "A closer successor may be waiting": sent to the old predecessor when a node adopts a new
   * one, so the old predecessor stabilizes now instead of at its next period. Only a prompt:
   * the receiver still adopts nothing it has not verified live (Zave's rule).
   */
  v.object({ type: v.literal('successor_hint'), candidate: nodeId }),
  /**
   * "`candidate` may belong on your ring": a node met a peer that its ring may not contain (two
   * rings formed apart, or a partition healed). The receiver places it — adopts it as successor
   * if it is closer and answers as a ring member, passes it to its predecessor, or looks up where
   * it belongs — so two rings zip into one.
   */
  v.object({ type: v.literal('introduce'), candidate: nodeId }),
  /** Graceful leave: the leaving node hands its neighbours to each other. */
  v.object({ type: v.literal('leave'), predecessor: v.nullable(nodeId), successors: nodeList(MAX_SUCCESSORS) }),
  /** A recursively routed request, forwarded hop by hop toward the owner of `target`. */
  v.object({
    type: v.literal('route'),
    lid: u32,
    origin: nodeId,
    target: ringId,
    hops: count,
    timeouts: count,
    path: nodeList(MAX_PATH),
    /** The sender believes the receiver owns the target (the hop counted as "the final hop"). */
    final: v.boolean(),
    /** Whether the origin waits for a reply; hops keep reverse-path state only then. */
    reply: v.boolean(),
    /** For joining nodes: a ring member directly linked to the origin, where answers can be sent. */
    via: v.nullable(nodeId),
    payload: RoutedPayloadSchema,
  }),
  /** Hop-by-hop acknowledgement of a route; its absence within the hop timeout triggers a retry. */
  v.object({ type: v.literal('route_ack'), lid: u32, origin: nodeId }),
  /** The owner's answer, travelling back along the reverse path. */
  v.object({ type: v.literal('route_reply'), lid: u32, origin: nodeId, payload: ReplyPayloadSchema }),
  /** Last hop of a signal to a node that is not on the ring yet, over its direct link. */
  v.object({ type: v.literal('relay_signal'), from: nodeId, data: v.pipe(v.string(), v.maxLength(MAX_SIGNAL_CHARS)) }),
  /** Direct messages between replicas (replicate/ack/nack, fetch, digest/summaries/pull/transfer): records.ts, PROTOCOL.md. */
  ...StoreMessageSchemas,
]);

export type Message = v.InferOutput<typeof MessageSchema>;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;
export type RoutedPayload = v.InferOutput<typeof RoutedPayloadSchema>;
export type ReplyPayload = v.InferOutput<typeof ReplyPayloadSchema>;
export type FailureCode = v.InferOutput<typeof FailureCodeSchema>;
export type RouteMessage = MessageOf<'route'>;

/** Every message type, for exhaustive tests and the handler map. */
export const MESSAGE_TYPES = [
  'ping',
  'pong',
  'get_neighbors',
  'neighbors',
  'rectify',
  'successor_hint',
  'introduce',
  'leave',
  'route',
  'route_ack',
  'route_reply',
  'relay_signal',
] as const satisfies readonly MessageType[];

/** The replicated store's direct message types (kept apart from MESSAGE_TYPES, whose golden frames are the core's). */
export const STORE_MESSAGE_TYPES = [
  'store_replicate',
  'store_ack',
  'store_nack',
  'store_fetch',
  'store_value',
  'store_digest',
  'store_summaries',
  'store_pull',
  'store_transfer',
] as const satisfies readonly MessageType[];
