import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { parseProvidersRequest } from './codec.ts';
import { MAX_ANNOUNCED_CIDS, MAX_ANNOUNCERS_PER_IP } from './constants.ts';
import { ProviderRecords, ProvidersRefusal } from './records.ts';

const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const tab = '12D3KooWLwJBu8ScVK8hiqutvc4eZdnCGC6fvUBuzfeTgHuLK9Wv';
const other = '12D3KooWCgQhWTikQ2YpDYGzZqZpPjBh6pbUDvCUK93WmmjgLSzq';
const relay = '12D3KooWJYKeG4v8j9DEXeqkm7ByJzFTMaW2sxCm6uhEkEWqXFW7';
const addr = (peer: string) => `/ip4/127.0.0.1/tcp/4003/ws/p2p/${relay}/p2p-circuit/webrtc/p2p/${peer}`;

describe('the providers codec and records', () => {
  it('takes an announcement only of the announcing peer’s own addresses', () => {
    expect(parseProvidersRequest({ type: 'announce', cids: [cid], addrs: [addr(tab)] }, tab)).toEqual({
      type: 'announce',
      cids: [cid],
      addrs: [addr(tab)],
    });
    expect(() => parseProvidersRequest({ type: 'announce', cids: [cid], addrs: [addr(other)] }, tab)).toThrow(
      'addrs[0] is not an address of the announcing peer',
    );
  });

  it('refuses oversized lists, bad CIDs and unknown types', () => {
    const many = Array.from({ length: MAX_ANNOUNCED_CIDS + 1 }, () => cid);
    for (const message of [
      { type: 'announce', cids: many, addrs: [] },
      { type: 'announce', cids: ['nope'], addrs: [] },
      { type: 'find', cid: 42 },
      { type: 'forget' },
      'announce',
    ])
      expect(() => parseProvidersRequest(message, tab)).toThrow(MalformedMessageError);
  });

  it('answer who else holds a CID and can be dialled, and forget a peer', () => {
    const records = new ProviderRecords();
    records.announce(tab, [cid], [addr(tab)], '192.0.2.1');
    records.announce(other, [cid], [], '192.0.2.2');
    expect(records.find(cid, relay)).toEqual([{ peer: tab, addrs: [addr(tab)] }]);
    expect(records.find(cid, tab)).toEqual([]);
    records.forget(tab);
    expect(records.find(cid, relay)).toEqual([]);
    expect(records.size).toBe(1);
  });

  it("keep one address's share of announcers, and answer one holder per address in turn", () => {
    const records = new ProviderRecords();
    const peerAt = (i: number) => `peer-${i}`;
    for (let i = 0; i < MAX_ANNOUNCERS_PER_IP; i++) records.announce(peerAt(i), [cid], ['/a'], '192.0.2.9');
    expect(() => records.announce(peerAt(99), [cid], ['/a'], '192.0.2.9')).toThrow(ProvidersRefusal);
    // A peer already counted may announce again from its address.
    records.announce(peerAt(0), [cid], ['/a'], '192.0.2.9');
    records.announce('honest', [cid], ['/h'], '198.51.100.7');
    const found = records.find(cid, relay).map((r) => r.peer);
    expect(found.slice(0, 2)).toEqual([peerAt(1), 'honest']);
    // Leaving frees a place for another peer of the address.
    records.forget(peerAt(3));
    records.announce(peerAt(99), [cid], ['/a'], '192.0.2.9');
    expect(records.size).toBe(MAX_ANNOUNCERS_PER_IP + 1);
  });
});
