// Relay URL configuration: query over build-time over trystero's defaults; junk entries ignored.
import { expect } from 'chai';
import { parseRelayUrls, resolveRelayUrls } from '../../../src/net/relay-config.ts';

describe('relay config', function () {
  it('parses comma-separated ws/wss URLs and ignores anything else', function () {
    expect(parseRelayUrls(' ws://127.0.0.1:7000 , wss://relay.example/x,http://no, ,ftp://x')).to.deep.equal([
      'ws://127.0.0.1:7000',
      'wss://relay.example/x',
    ]);
    expect(parseRelayUrls(undefined)).to.deep.equal([]);
    expect(parseRelayUrls('')).to.deep.equal([]);
  });

  it('prefers ?relays= over the build-time list, and that over trystero defaults (undefined)', function () {
    const search = '?nb=1&relays=ws://127.0.0.1:1,ws://127.0.0.1:2';
    expect(resolveRelayUrls({ search, buildTime: 'ws://127.0.0.1:9' })).to.deep.equal(['ws://127.0.0.1:1', 'ws://127.0.0.1:2']);
    expect(resolveRelayUrls({ search: '?x=1', buildTime: 'ws://127.0.0.1:9' })).to.deep.equal(['ws://127.0.0.1:9']);
    expect(resolveRelayUrls({ search: '?relays=nonsense', buildTime: undefined })).to.equal(undefined);
    expect(resolveRelayUrls({})).to.equal(undefined);
  });
});
