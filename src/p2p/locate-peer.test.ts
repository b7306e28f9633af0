import { generateKeyPair } from '@libp2p/crypto/keys';
import type { Connection, PeerId } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { describe, expect, it } from 'vitest';
import { locatePeer, MalformedPeerIdError, PeerNotFoundError } from './locate-peer.ts';

const tab = peerIdFromPrivateKey(await generateKeyPair('Ed25519'));
const relay = peerIdFromPrivateKey(await generateKeyPair('Ed25519'));
const tabAddr = multiaddr(`/ip4/127.0.0.1/tcp/4001/ws/p2p/${relay}/p2p-circuit/webrtc/p2p/${tab}`);
const otherAddr = multiaddr(`/ip4/127.0.0.1/tcp/4001/ws/p2p/${relay}/p2p-circuit/webrtc/p2p/${relay}`);

/** A node holding the given connections to `tab` (only `limits` matters here). */
const holding = (...connections: Partial<Connection>[]) => ({
  getConnections: (peer?: PeerId) => (peer?.equals(tab) ? connections : []) as Connection[],
});

describe('locatePeer', () => {
  it('uses an open, unlimited connection by peer id', async () => {
    expect((await locatePeer(holding({ limits: undefined }), tab.toString(), async () => [])).toString()).toBe(
      tab.toString(),
    );
  });

  it('does not count a limited (relayed) connection, and dials the WebRTC address a relay knows', async () => {
    const found = await locatePeer(
      holding({ limits: { bytes: 1n << 17n, seconds: 120 } }),
      tab.toString(),
      async () => [otherAddr, tabAddr],
    );
    expect(found.toString()).toBe(tabAddr.toString());
  });

  it('says when no relay knows the peer, and when the id is not a peer id', async () => {
    await expect(locatePeer(holding(), tab.toString(), async () => [otherAddr])).rejects.toBeInstanceOf(
      PeerNotFoundError,
    );
    await expect(
      locatePeer(holding(), tab.toString(), async () => {
        throw new Error('relay down');
      }),
    ).rejects.toBeInstanceOf(PeerNotFoundError);
    await expect(locatePeer(holding(), 'not-a-peer', async () => [])).rejects.toBeInstanceOf(MalformedPeerIdError);
  });
});
