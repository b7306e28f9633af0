// Two real libp2p nodes over websockets on loopback: the dialer starts while the other node is not yet
// listening, so its first dials fail; it connects once the node listens, and stops when told.
import { noise } from '@libp2p/noise';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dialUntilConnected } from './dial-until-connected.ts';

const node = (listen: string[] = []) =>
  createLibp2p({
    addresses: { listen },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });

/** A loopback port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

describe('dialUntilConnected', () => {
  it('dials again after failures and connects once the peer listens', async () => {
    const port = await freePort();
    const dialer = await node();
    const target = await node([`/ip4/127.0.0.1/tcp/${port}/ws`]);
    await target.stop();
    stops.push(
      async () => dialer.stop(),
      async () => target.stop(),
    );
    const addr = multiaddr(`/ip4/127.0.0.1/tcp/${port}/ws/p2p/${target.peerId}`);

    let failures = 0;
    const connected = dialUntilConnected(
      {
        dial: (a, o) =>
          dialer.dial(a, o).catch((error) => {
            // The peer starts listening after the second failed dial.
            if (++failures === 2) void target.start();
            throw error;
          }),
      },
      addr,
      AbortSignal.timeout(20_000),
      { firstDelayMs: 20 },
    );
    expect(await connected).toBeGreaterThanOrEqual(3);
    expect(dialer.getConnections(target.peerId)).toHaveLength(1);
  });

  it('stops dialing when its signal aborts, without throwing', async () => {
    const dialer = await node();
    stops.push(async () => dialer.stop());
    const controller = new AbortController();
    const addr = multiaddr(
      `/ip4/127.0.0.1/tcp/${await freePort()}/ws/p2p/12D3KooWKvJhntUK91V6nwxPLBcnVuxLihyhHbsiVCkLk2K7tE9H`,
    );
    let dials = 0;
    const done = dialUntilConnected(
      {
        dial: (a, o) => {
          if (++dials === 3) controller.abort();
          return dialer.dial(a, o);
        },
      },
      addr,
      controller.signal,
      { firstDelayMs: 10 },
    );
    expect(await done).toBe(3);
    expect(dials).toBe(3);
  });
});
