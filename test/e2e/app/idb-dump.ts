// Reads everything a page's origin holds in IndexedDB — every database, every object store, every
// key and value — as one JSON text, with binary values (Uint8Array, ArrayBuffer) as hex and
// CryptoKeys as a marker. What a person who copied the browser profile's files could read.
import type { Page } from 'playwright-core';

export interface IdbRow {
  readonly key: unknown;
  readonly value: unknown;
}

export interface IdbStoreDump {
  readonly db: string;
  readonly store: string;
  readonly rows: readonly IdbRow[];
}

// A source string, not a function: tsx's keepNames helper (__name) does not exist in the page.
const DUMP_SCRIPT = `(async () => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
  const plain = (v) => {
    if (v instanceof Uint8Array) return { $bytes: hex(v) };
    if (v instanceof ArrayBuffer) return { $bytes: hex(new Uint8Array(v)) };
    if (ArrayBuffer.isView(v)) return { $bytes: hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return { $cryptoKey: v.type };
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  const out = [];
  for (const info of await indexedDB.databases()) {
    const db = await req(indexedDB.open(info.name));
    for (const store of Array.from(db.objectStoreNames)) {
      const os = db.transaction(store, 'readonly').objectStore(store);
      const keys = await req(os.getAllKeys());
      const values = await req(os.getAll());
      out.push({ db: info.name, store, rows: keys.map((k, i) => ({ key: plain(k), value: plain(values[i]) })) });
    }
    db.close();
  }
  return JSON.stringify(out);
})()`;

export async function dumpIndexedDb(page: Page): Promise<IdbStoreDump[]> {
  const text: unknown = await page.evaluate(DUMP_SCRIPT);
  if (typeof text !== 'string') throw new Error('IndexedDB dump returned no text');
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('IndexedDB dump is not a list');
  return parsed as IdbStoreDump[];
}

/**
 * Every byte string the dump holds, decoded every way a plaintext could hide in it: the JSON text
 * itself, each binary value, and each string field decoded as base64url / base64 and hex.
 */
export function decodedViews(dump: readonly IdbStoreDump[]): Buffer[] {
  const views: Buffer[] = [Buffer.from(JSON.stringify(dump), 'utf8')];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 8 && /^[A-Za-z0-9_-]+$/.test(v)) views.push(Buffer.from(v, 'base64url'));
      if (v.length >= 8 && /^[A-Za-z0-9+/]+=*$/.test(v)) views.push(Buffer.from(v, 'base64'));
      if (v.length >= 8 && /^([0-9a-f]{2})+$/.test(v)) views.push(Buffer.from(v, 'hex'));
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v && typeof v === 'object') {
      const bytes: unknown = Reflect.get(v, '$bytes');
      if (typeof bytes === 'string') views.push(Buffer.from(bytes, 'hex'));
      for (const x of Object.values(v)) visit(x);
    }
  };
  visit(dump);
  return views;
}

/** True when `needle` (UTF-8) occurs anywhere in any decoded view of the dump. */
export function dumpContains(dump: readonly IdbStoreDump[], needle: string): boolean {
  const bytes = Buffer.from(needle, 'utf8');
  return decodedViews(dump).some((b) => b.includes(bytes));
}
