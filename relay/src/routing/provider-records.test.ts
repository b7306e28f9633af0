// Provider records on a real relay process: peers built with the browser's options announce what
// they hold, a third finds them (never itself), records go when a peer disconnects, and bad
// announcements are answered with a reason.
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p, type Libp2p } from 'libp2p';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../../../scripts/lib/processes.ts';
import { relayReady } from '../../../scripts/lib/ready-lines.ts';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { announceProviders, findProviders } from '@permanet/core/protocols/providers';
import { jsonStream } from '@permanet/core/stream/json-stream';
import { MAX_ANNOUNCED_CIDS, parseProvidersResponse, PROVIDERS_PROTOCOL } from '@permanet/core/protocols/providers';
import type { RelayStatus } from '../relay-status.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CID_A = 'bafkreifyit2zg7xqde4hhuwhcjou2e2mxe2jmb7gjqifjdqjjogl3pl4bi';
const CID_B = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
let relay: Child;
let status: RelayStatus;
const peers: Libp2p[] = [];

async function peer(): Promise<Libp2p> {
  // No WebRTC listener in Node here: the records only need addresses that name the peer.
  const node = await createLibp2p({ ...browserLibp2pOptions(status.multiaddrs), addresses: { listen: [] } });
  await node.dial(multiaddr(status.multiaddrs[0]));
  peers.push(node);
  return node;
}
const relayAddr = () => multiaddr(status.multiaddrs[0]);
const circuitOf = (node: Libp2p) => `${status.multiaddrs[0]}/p2p-circuit/webrtc/p2p/${node.peerId}`;

async function raw(node: Libp2p, message: unknown) {
  const stream = await node.dialProtocol(relayAddr(), PROVIDERS_PROTOCOL);
  await lpStream(stream).write(new TextEncoder().encode(JSON.stringify(message)));
  return parseProvidersResponse(await jsonStream(stream).read());
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'providers-'));
  relay = startChild(
    'relay',
    process.execPath,
    [
      join(root, 'relay', 'bin', 'permanet-relay.js'),
      '--data-dir',
      join(dir, 'data'),
      '--listen',
      '/ip4/127.0.0.1/tcp/0/ws',
      '--http-port',
      '0',
    ],
    { cwd: dir },
  );
  status = await relay.waitForLine(relayReady);
}, 60_000);

afterAll(async () => {
  await Promise.all(peers.map((p) => p.stop()));
  await relay?.stop();
});

describe('provider records', () => {
  it('finds the tabs that announced a CID, never the asker, and forgets a tab that leaves', async () => {
    const [holder, other, asker] = [await peer(), await peer(), await peer()];
    expect(await raw(holder, { type: 'announce', cids: [CID_A, CID_B], addrs: [circuitOf(holder)] })).toEqual({
      ok: true,
      providers: [],
    });
    expect(await raw(other, { type: 'announce', cids: [CID_B], addrs: [circuitOf(other)] })).toEqual({
      ok: true,
      providers: [],
    });
    expect((await findProviders(asker, [relayAddr()], CID_A)).map(String)).toEqual([circuitOf(holder)]);
    expect((await findProviders(asker, [relayAddr()], CID_B)).map(String).sort()).toEqual(
      [circuitOf(holder), circuitOf(other)].sort(),
    );
    expect((await findProviders(holder, [relayAddr()], CID_A)).map(String)).toEqual([]);
    // A new announcement replaces the old one.
    await raw(holder, { type: 'announce', cids: [CID_B], addrs: [circuitOf(holder)] });
    expect(await findProviders(asker, [relayAddr()], CID_A)).toEqual([]);
    await other.stop();
    await expect
      .poll(async () => (await findProviders(asker, [relayAddr()], CID_B)).map(String))
      .toEqual([circuitOf(holder)]);
    // The client's announce: a node with no WebRTC address is recorded but not offered.
    await announceProviders(asker, relayAddr(), [CID_A]);
    expect(await findProviders(holder, [relayAddr()], CID_A)).toEqual([]);
  });

  it("refuses another peer's address, bad CIDs, too many CIDs and unknown requests, with a reason", async () => {
    const [a, b] = [await peer(), await peer()];
    expect(await raw(a, { type: 'announce', cids: [CID_A], addrs: [circuitOf(b)] })).toEqual({
      ok: false,
      code: 'malformed',
      message: 'addrs[0] is not an address of the announcing peer',
    });
    expect(await raw(a, { type: 'announce', cids: ['nope'], addrs: [] })).toEqual({
      ok: false,
      code: 'malformed',
      message: 'cids[0] is not a CID: nope',
    });
    expect(
      await raw(a, { type: 'announce', cids: Array(MAX_ANNOUNCED_CIDS + 1).fill(CID_A), addrs: [] }),
    ).toMatchObject({ ok: false, message: `cids lists ${MAX_ANNOUNCED_CIDS + 1}; at most ${MAX_ANNOUNCED_CIDS}` });
    expect(await raw(a, { type: 'announce', cids: [], addrs: ['not a multiaddr'] })).toEqual({
      ok: false,
      code: 'malformed',
      message: 'addrs[0] is not a multiaddr',
    });
    expect(await raw(a, { type: 'forget-me' })).toEqual({
      ok: false,
      code: 'malformed',
      message: 'a providers request has type "announce" or "find"',
    });
    expect(await raw(a, { type: 'find', cid: 42 })).toEqual({
      ok: false,
      code: 'malformed',
      message: 'cid must be a string',
    });
    // None of it was recorded.
    expect(await findProviders(b, [relayAddr()], CID_A)).toEqual([]);
  });
});
