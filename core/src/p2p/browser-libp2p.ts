// The browser's libp2p options: websockets to the configured relays, a reservation on their
// circuit so other tabs can reach this one, and WebRTC between tabs (signalled through that
// circuit, then direct); noise, yamux, identify and ping. Browsers refuse plain ws:// and private
// addresses by default; the gater allows exactly the configured relays (and circuit addresses).
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2';
import { identify } from '@libp2p/identify';
import { noise } from '@libp2p/noise';
import { ping } from './ping.ts';
import { webRTC } from '@libp2p/webrtc';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import type { Libp2pOptions } from 'libp2p';

const hostPort = (ma: Multiaddr) => {
  const parts = ma.getComponents();
  const host = parts.find((c) => ['ip4', 'ip6', 'dns', 'dns4', 'dns6'].includes(c.name))?.value;
  const port = parts.find((c) => c.name === 'tcp')?.value;
  return `${host}:${port}`;
};

/**
 * `iceServers`: STUN/TURN for WebRTC between tabs on different networks; none on a local
 * network (and in the tests, which run on loopback only).
 */
export function browserLibp2pOptions(relays: string[], iceServers: RTCIceServer[] = []) {
  const allowed = new Set(relays.map((r) => hostPort(multiaddr(r))));
  return {
    addresses: { listen: ['/p2p-circuit', '/webrtc'] },
    transports: [webSockets(), circuitRelayTransport(), webRTC({ rtcConfiguration: { iceServers } })],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: {
      denyDialMultiaddr: (ma: Multiaddr) => {
        const circuit = ma.getComponents().some((c) => c.name === 'p2p-circuit');
        return !circuit && !allowed.has(hostPort(ma));
      },
    },
    services: { identify: identify(), ping: ping() },
  } satisfies Libp2pOptions;
}
