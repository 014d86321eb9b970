// The proposed store messages validate what the flows send and refuse what they must not carry.
import { expect } from 'chai';
import * as v from 'valibot';
import { StoreMessageSchemas, StoreReplyPayloadSchemas, StoreRoutedPayloadSchemas } from '../../../src/wire/records.ts';
import { rangeDigests } from '../../../src/dht/replication/digest.ts';
import { recordKeyIdSync } from '../../../src/dht/records/build.ts';
import { alice, crypto, mutable } from './fixtures.ts';
import { asNodeId } from '../../../src/wire/ids.ts';

const Message = v.variant('type', [...StoreMessageSchemas]);
const Routed = v.variant('kind', [...StoreRoutedPayloadSchemas]);
const Reply = v.variant('kind', [...StoreReplyPayloadSchemas]);
const roundTrip = (schema: v.GenericSchema, value: unknown): boolean => v.safeParse(schema, JSON.parse(JSON.stringify(value))).success;

describe('proposed store messages', () => {
  const record = mutable(alice, 1, 'one');
  const key = recordKeyIdSync(crypto, alice.publicKey, 'note');
  const node = 'a'.repeat(40);

  it('accepts every message of the put, get, replicate, digest and handoff flows', () => {
    const range = { from: asNodeId(node), to: asNodeId('b'.repeat(40)) };
    expect(roundTrip(Routed, { kind: 'store_put', key, record })).to.equal(true);
    expect(roundTrip(Routed, { kind: 'store_get', key })).to.equal(true);
    expect(roundTrip(Reply, { kind: 'stored', key, acks: [node] })).to.equal(true);
    expect(roundTrip(Reply, { kind: 'store_failed', key, code: 'stale', message: 'older seq' })).to.equal(true);
    expect(roundTrip(Reply, { kind: 'record', key, record: null, replicas: [node] })).to.equal(true);
    expect(roundTrip(Routed, { kind: 'store_watch', key, ttlMs: 60_000 })).to.equal(true);
    expect(roundTrip(Routed, { kind: 'store_changed', key, watcher: node })).to.equal(true);
    expect(roundTrip(Reply, { kind: 'watching', key, ttlMs: 0 })).to.equal(true);
    expect(roundTrip(Routed, { kind: 'store_watch', key, ttlMs: 300_001 }), 'a lease longer than MAX_WATCH_TTL_MS').to.equal(false);
    for (const m of [
      { type: 'store_replicate', rid: 1, key, record },
      { type: 'store_ack', rid: 1, key },
      { type: 'store_nack', rid: 1, key, code: 'quota', message: 'full' },
      { type: 'store_fetch', rid: 2, key },
      { type: 'store_value', rid: 2, key, record },
      { type: 'store_digest', rid: 3, range, digests: rangeDigests([], range, 4) },
      { type: 'store_summaries', rid: 3, ranges: [range], summaries: [{ key, fingerprint: '0123456789abcdef' }], more: false },
      { type: 'store_pull', rid: 4, keys: [key], range: null },
      { type: 'store_pull', rid: 5, keys: [], range },
      { type: 'store_transfer', rid: 5, records: [{ key, record }], done: true },
    ]) {
      expect(roundTrip(Message, m), m.type).to.equal(true);
    }
  });

  it('refuses bad ids, bad records and oversized batches', () => {
    expect(roundTrip(Message, { type: 'store_ack', rid: -1, key })).to.equal(false);
    expect(roundTrip(Message, { type: 'store_fetch', rid: 1, key: 'xyz' })).to.equal(false);
    expect(roundTrip(Message, { type: 'store_replicate', rid: 1, key, record: { ...record, seq: 'one' } })).to.equal(false);
    const five = Array.from({ length: 5 }, () => ({ key, record }));
    expect(roundTrip(Message, { type: 'store_transfer', rid: 1, records: five, done: true })).to.equal(false);
  });
});
