// Ring identifiers as they travel on the wire: fixed-width lowercase hex, so that string order is
// numeric order and ids can key Maps directly. DESIGN.md §2: m = 160 bits (SHA-256, truncated).

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Bits in a ring identifier (DESIGN.md §2). */
export const ID_BITS = 160;
/** Hex digits in a ring identifier: 4 bits each. */
export const ID_HEX_LENGTH = ID_BITS / 4;

/** A node's position on the ring. */
export type NodeId = Brand<string, 'NodeId'>;
/** A key's position on the ring (H(key) truncated to m bits). */
export type KeyId = Brand<string, 'KeyId'>;
/** Any ring position: node or key. Ring math works on both. */
export type RingId = NodeId | KeyId;

const HEX_ID = /^[0-9a-f]{40}$/;

export function isRingId(value: unknown): value is RingId {
  return typeof value === 'string' && HEX_ID.test(value);
}

/** Brands a validated id string. Throws a plain Error on malformed local input (a bug, not a peer's fault). */
export function asNodeId(hex: string): NodeId {
  if (!isRingId(hex)) throw new Error(`not a ${ID_BITS}-bit hex id: ${hex}`);
  return hex as NodeId;
}

export function asKeyId(hex: string): KeyId {
  if (!isRingId(hex)) throw new Error(`not a ${ID_BITS}-bit hex id: ${hex}`);
  return hex as KeyId;
}

/** Short form for logs and the UI: the first 8 hex digits. */
export function shortId(id: RingId): string {
  return id.slice(0, 8);
}
