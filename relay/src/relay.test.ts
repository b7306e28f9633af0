// The relay as a real process: it pins a file, serves it over bitswap to a libp2p peer built
// with the browser's options, over plain HTTP, keeps its identity across restarts, and refuses
// a bad config with a clear message.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs } from '@helia/unixfs';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { MemoryDatastore } from 'datastore-core/memory';
import { createHeliaLight } from 'helia';
import { createLibp2p } from 'libp2p';
import { multiaddr } from '@multiformats/multiaddr';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from '../../scripts/lib/processes.ts';
import { relayReady } from '../../scripts/lib/ready-lines.ts';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { readVerifiedFile } from '@permanet/core/storage/read-verified-file';
import type { RelayStatus } from './relay-status.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'relay', 'bin', 'permanet-relay.js');
const dir = mkdtempSync(join(tmpdir(), 'relay-test-'));
const file = join(dir, 'model.bin');
const bytes = Uint8Array.from({ length: 700_000 }, (_, i) => (i * 7919) % 256);
writeFileSync(file, bytes);

function startRelay(extra: string[] = []): { child: Child; ready: Promise<RelayStatus> } {
  const child = startChild(
    'relay',
    process.execPath,
    [
      bin,
      '--data-dir',
      join(dir, 'data'),
      '--listen',
      '/ip4/127.0.0.1/tcp/0/ws',
      '--http-port',
      '0',
      '--pin',
      file,
      '--log-level',
      'info',
      ...extra,
    ],
    { cwd: dir },
  );
  const ready = child.waitForLine(relayReady);
  return { child, ready };
}

let relay: { child: Child; ready: Promise<RelayStatus> };
let status: RelayStatus;

/** The admin route's header, with the token the relay keeps in its data directory. */
const admin = () => ({ authorization: `Bearer ${readFileSync(status.adminTokenFile, 'utf8').trim()}` });

/** A request with headers fetch would not send as given (Host). */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  relay = startRelay();
  status = await relay.ready;
});
afterAll(async () => relay?.child.stop());

describe('permanet-relay', () => {
  it('pins the file under the CID a publisher derives from the same bytes', async () => {
    expect(status.pins).toEqual([
      { name: 'model.bin', cid: (await cidOfBytes(bytes)).toString(), bytes: bytes.length },
    ]);
    expect(status.multiaddrs[0]).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\/12D3Koo/);
  });

  it('serves the pinned bytes over bitswap to a peer built with the browser options', async () => {
    const options = browserLibp2pOptions(status.multiaddrs);
    const local = new MemoryBlockstore();
    const peer = withBitswap(
      withLibp2pLight(createHeliaLight({ blockstore: local, datastore: new MemoryDatastore() }), options),
    );
    await peer.start();
    try {
      await peer.libp2p.dial(multiaddr(status.multiaddrs[0]));
      const cid = await cidOfBytes(bytes);
      // The page's read path: every block is missing locally and comes over bitswap.
      const fetched = await readVerifiedFile({ local, network: peer.blockstore }, cid, {
        signal: AbortSignal.timeout(20_000),
      });
      expect(Buffer.from(fetched.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(fetched).toMatchObject({ blocks: 4, fromNetwork: 4 });
      // Helia's own reader agrees, now from the local copy.
      const chunks: Uint8Array[] = [];
      for await (const chunk of unixfs(peer).cat(cid, { offline: true })) chunks.push(chunk);
      expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      await peer.stop();
    }
  });

  it('answers pings one after another on one connection', async () => {
    // The dialer keeps one ping stream per peer: a stream the relay held open past its answer
    // (until a 10 s timeout) made every later ping on the connection fail.
    const peer = await createLibp2p({ ...browserLibp2pOptions(status.multiaddrs), addresses: { listen: [] } });
    try {
      const target = multiaddr(status.multiaddrs[0]);
      const started = performance.now();
      for (let i = 0; i < 5; i++)
        expect(await peer.services.ping.ping(target, { signal: AbortSignal.timeout(2000) })).toBeLessThan(1000);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(peer.getConnections()).toHaveLength(1);
    } finally {
      await peer.stop();
    }
  });

  it('serves the same bytes over plain HTTP, and explains a bad or unknown CID', async () => {
    const cid = (await cidOfBytes(bytes)).toString();
    const response = await fetch(`${status.http}/ipfs/${cid}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const bad = await fetch(`${status.http}/ipfs/not-a-cid`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('not a CID: not-a-cid');
    const unknown = await fetch(`${status.http}/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${status.http}/health`)).status).toBe(200);
    expect((await fetch(`${status.http}/ipfs/${cid}`, { method: 'POST' })).status).toBe(405);
  });

  it('exposes its counters to Prometheus on the loopback port', async () => {
    const response = await fetch(`${status.http}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE permanet_relay_pins gauge\npermanet_relay_pins 1\n');
    expect(text).toMatch(/^permanet_relay_connections \d+$/m);
    expect(Number(/^permanet_relay_resident_memory_bytes (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(10 * 1024 * 1024);
    // Without a chain the relay serves no inference, and says nothing about it.
    expect(text).not.toContain('permanet_inference_');
  });

  it("drops a copy on the operator's request: unpinned, its blocks deleted, no longer served", async () => {
    const extra = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 31) % 256);
    const path = join(dir, 'extra.bin');
    writeFileSync(path, extra);
    await relay.child.stop();
    relay = startRelay(['--pin', path]);
    status = await relay.ready;
    const cid = (await cidOfBytes(extra)).toString();
    expect((await fetch(`${status.http}/ipfs/${cid}`)).status).toBe(200);
    const dropped = await fetch(`${status.http}/ipfs/${cid}`, { method: 'DELETE', headers: admin() });
    expect(await dropped.json()).toEqual({ cid, blocks: 3 });
    expect((await fetch(`${status.http}/ipfs/${cid}`)).status).toBe(404);
    expect((await (await fetch(`${status.http}/status`)).json()).pins.map((p: { cid: string }) => p.cid)).not.toContain(
      cid,
    );
    expect((await fetch(`${status.http}/ipfs/not-a-cid`, { method: 'DELETE', headers: admin() })).status).toBe(400);
  });

  it('deletes only the blocks no other pinned file holds: a chunk two files share stays readable', async () => {
    // UnixFS cuts 256 KiB chunks: both files open with the same one.
    const shared = Uint8Array.from({ length: 262_144 }, (_, i) => (i * 13) % 256);
    const a = new Uint8Array([...shared, ...Uint8Array.from({ length: 50_000 }, (_, i) => i % 7)]);
    const b = new Uint8Array([...shared, ...Uint8Array.from({ length: 60_000 }, (_, i) => i % 11)]);
    writeFileSync(join(dir, 'a.bin'), a);
    writeFileSync(join(dir, 'b.bin'), b);
    await relay.child.stop();
    relay = startRelay(['--pin', join(dir, 'a.bin'), '--pin', join(dir, 'b.bin')]);
    status = await relay.ready;
    const [cidA, cidB] = [(await cidOfBytes(a)).toString(), (await cidOfBytes(b)).toString()];
    const dropped = await fetch(`${status.http}/ipfs/${cidA}`, { method: 'DELETE', headers: admin() });
    // A's root and its own second chunk; the shared first chunk stays for B.
    expect(await dropped.json()).toEqual({ cid: cidA, blocks: 2 });
    const served = await fetch(`${status.http}/ipfs/${cidB}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(b))).toBe(true);
  });

  it('refuses a foreign Host (DNS rebinding), admin routes without the token, and CORS to other sites', async () => {
    const cid = (await cidOfBytes(bytes)).toString();
    const port = Number(new URL(status.http).port);
    const rebound = await rawRequest(port, 'DELETE', `/ipfs/${cid}`, { host: 'rebind.evil.example', ...admin() });
    expect(rebound.status).toBe(403);
    expect((await rawRequest(port, 'GET', '/status', { host: `rebind.evil.example:${port}` })).status).toBe(403);
    expect((await rawRequest(port, 'GET', '/health', { host: `localhost:${port}` })).status).toBe(200);

    expect((await fetch(`${status.http}/ipfs/${cid}`, { method: 'DELETE' })).status).toBe(401);
    const forged = { authorization: `Bearer ${'0'.repeat(64)}` };
    expect((await fetch(`${status.http}/ipfs/${cid}`, { method: 'DELETE', headers: forged })).status).toBe(401);
    const page = { origin: 'https://evil.example' };
    expect(
      (await fetch(`${status.http}/ipfs/${cid}`, { method: 'DELETE', headers: { ...page, ...admin() } })).status,
    ).toBe(403);
    const read = await fetch(`${status.http}/status`, { headers: page });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    // Nothing was deleted by any of these.
    expect((await fetch(`${status.http}/ipfs/${cid}`)).status).toBe(200);
  });

  it('keeps its peer id across a restart', async () => {
    const first = status.peerId;
    await relay.child.stop();
    relay = startRelay();
    status = await relay.ready;
    expect(status.peerId).toBe(first);
  });

  it('refuses a bad config at start with one message per field and exit code 2', () => {
    const flags = [
      '--data-dir',
      join(dir, 'bad'),
      '--http-port',
      '99999',
      '--listen',
      '/ip4/127.0.0.1/tcp/1',
      '--log-level',
      'loud',
      '--max-batch',
      'lots',
      '--region',
      'Paris',
    ];
    const result = spawnSync(process.execPath, [bin, ...flags], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('inference.max_batch: must be an integer from 1 to 1024, got NaN');
    expect(result.stderr).toContain('compute.region: must be a geohash prefix of 1 to 8 characters');
    expect(result.stderr).toContain('http.port: must be an integer from 0 to 65535, got 99999');
    expect(result.stderr).toContain('listen[0]: must be a websocket address');
    expect(result.stderr).toContain('log_level: must be one of debug, info, warn, error, got "loud"');
  });
});
