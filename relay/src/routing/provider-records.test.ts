// Provider records on a real relay process: peers built with the browser's options announce what
// they hold, a third finds them (never itself), records go when a peer disconnects, and bad
// announcements are answered with a reason.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs } from '@helia/unixfs';
import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { MemoryDatastore } from 'datastore-core/memory';
import { createHeliaLight } from 'helia';
import { createLibp2p, type Libp2p } from 'libp2p';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../../../scripts/lib/processes.ts';
import { relayReady } from '../../../scripts/lib/ready-lines.ts';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { BLOCK_PROTOCOL, blockHandler, encodeBlock, MAX_BLOCK_MESSAGE_BYTES } from '@permanet/core/protocols/block';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { modelImportOptions } from '@permanet/core/storage/import-options';
import { announceProviders, findProviders } from '@permanet/core/protocols/providers';
import { jsonStream } from '@permanet/core/stream/json-stream';
import {
  ANNOUNCE_BURST,
  MAX_ANNOUNCED_CIDS,
  MAX_ANNOUNCERS_PER_IP,
  parseProvidersResponse,
  PROVIDERS_PROTOCOL,
} from '@permanet/core/protocols/providers';
import type { RelayStatus } from '../relay-status.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CID_A = 'bafkreifyit2zg7xqde4hhuwhcjou2e2mxe2jmb7gjqifjdqjjogl3pl4bi';
const CID_B = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
let relay: Child;
let status: RelayStatus;
const peers: Libp2p[] = [];

/** When the last dials went out: libp2p refuses a sixth new connection from one host within a second. */
const dials: number[] = [];
async function paceDial() {
  const wait = dials.length >= 4 ? dials[dials.length - 4] + 1100 - Date.now() : 0;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  dials.push(Date.now());
}

async function peer(via = status.multiaddrs[0]): Promise<Libp2p> {
  await paceDial();
  // No WebRTC listener in Node here: the records only need addresses that name the peer.
  const node = await createLibp2p({ ...browserLibp2pOptions(status.multiaddrs), addresses: { listen: [] } });
  await node.dial(multiaddr(via));
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

const dir = mkdtempSync(join(tmpdir(), 'providers-'));
/** A file the relay pins: holders that announce it are checked for its blocks. */
const pinned = join(dir, 'model.bin');
const pinnedBytes = Uint8Array.from({ length: 700_000 }, (_, i) => (i * 7919) % 256);
writeFileSync(pinned, pinnedBytes);

beforeAll(async () => {
  relay = startChild(
    'relay',
    process.execPath,
    [
      join(root, 'relay', 'bin', 'permanet-relay.js'),
      '--data-dir',
      join(dir, 'data'),
      '--listen',
      '/ip4/127.0.0.1/tcp/0/ws',
      // A second loopback address: a peer that connects from another IP than the sybils.
      '--listen',
      '/ip6/::1/tcp/0/ws',
      '--http-port',
      '0',
      '--pin',
      pinned,
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

  it('finds a holder that served a checked block first, and drops those that had none or sent others', async () => {
    const cid = (await cidOfBytes(pinnedBytes)).toString();
    // Holds nothing and says so; sends bytes that are not the block; does not answer checks at all.
    const [empty, forger, silent] = [await peer(), await peer(), await peer()];
    await empty.handle(BLOCK_PROTOCOL, blockHandler({ blockstore: new MemoryBlockstore() }));
    await forger.handle(BLOCK_PROTOCOL, async (stream) => {
      const messages = jsonStream(stream, MAX_BLOCK_MESSAGE_BYTES);
      await messages.read();
      await messages.write(encodeBlock(new Uint8Array(262_144).fill(7)));
      await stream.close();
    });
    // The honest holder: a Helia node with the file, serving its own blocks.
    await paceDial();
    const honest = withBitswap(
      withLibp2pLight(createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }), {
        ...browserLibp2pOptions(status.multiaddrs),
        addresses: { listen: [] },
      }),
    );
    await honest.start();
    try {
      expect((await unixfs(honest).addBytes(pinnedBytes, modelImportOptions() as object)).toString()).toBe(cid);
      await honest.libp2p.handle(BLOCK_PROTOCOL, blockHandler({ blockstore: honest.blockstore }));
      await honest.libp2p.dial(relayAddr());
      for (const node of [empty, forger, silent, honest.libp2p])
        expect(await raw(node, { type: 'announce', cids: [cid], addrs: [circuitOf(node)] })).toMatchObject({
          ok: true,
        });
      const asker = await peer();
      await expect
        .poll(async () => (await findProviders(asker, [relayAddr()], cid)).map(String), { timeout: 10_000 })
        .toEqual([circuitOf(honest.libp2p), circuitOf(silent)]);
    } finally {
      await honest.stop();
    }
  });

  it('20 fresh peer ids from one address neither flood the records nor hide a holder on another', async () => {
    const CID_C = 'bafkreidgvpkjawlxz6sffxzwgooowe5yt7i6wsyg236mfoks77nywkptdq';
    const answers = [];
    for (let i = 0; i < 20; i++) {
      const sybil = await peer();
      answers.push(await raw(sybil, { type: 'announce', cids: [CID_C], addrs: [circuitOf(sybil)] }));
    }
    // The address's share is taken by the first few (with the two peers still here from the first test).
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(20 - MAX_ANNOUNCERS_PER_IP);
    expect(refused[0]).toMatchObject({ code: 'too-many-peers' });

    const ipv6 = status.multiaddrs.find((a) => a.startsWith('/ip6/::1/'))!;
    const honest = await peer(ipv6);
    expect(await raw(honest, { type: 'announce', cids: [CID_C], addrs: [circuitOf(honest)] })).toEqual({
      ok: true,
      providers: [],
    });
    const asker = await peer(ipv6);
    const found = (await findProviders(asker, [multiaddr(ipv6)], CID_C)).map(String);
    // One holder per address in each round: the honest one comes first or second, never crowded out.
    expect(found.slice(0, 2)).toContain(circuitOf(honest));
    expect(found.length).toBeLessThanOrEqual(MAX_ANNOUNCERS_PER_IP + 1);
  });

  it('refuses a peer announcing past its rate', async () => {
    const ipv6 = status.multiaddrs.find((a) => a.startsWith('/ip6/::1/'))!;
    const eager = await peer(ipv6);
    const answers = [];
    for (let i = 0; i < ANNOUNCE_BURST + 2; i++)
      answers.push(await raw(eager, { type: 'announce', cids: [CID_A], addrs: [] }));
    expect(answers.at(-1)).toMatchObject({ ok: false, code: 'rate-limited' });
  });
});
