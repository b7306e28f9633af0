// The relay's libp2p node: websockets in, circuit relay v2 server for browsers that cannot
// listen, identify and ping, with connection limits in total, per IP address and while upgrading.
import { circuitRelayServer } from '@libp2p/circuit-relay-v2';
import { identify } from '@libp2p/identify';
import { noise } from '@libp2p/noise';
import { ping } from '@permanet/core/p2p/ping';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import type { PrivateKey } from '@libp2p/interface';
import type { Libp2p, Libp2pOptions } from 'libp2p';
import type { RelayConfig } from '../config/relay-config.ts';
import { perIpGater } from './per-ip-gater.ts';

/** `node` gives the node once it exists, for the gater's counts. */
export function relayLibp2pOptions(config: RelayConfig, privateKey: PrivateKey, node: () => Libp2p | undefined) {
  return {
    privateKey,
    addresses: { listen: config.listen, announce: config.announce },
    connectionManager: {
      maxConnections: config.connections.max,
      maxIncomingPendingConnections: config.connections.pending,
    },
    connectionGater: perIpGater(node, {
      connections: config.connections.perIp,
      reservations: config.relay.maxReservationsPerIp,
    }),
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      relay: circuitRelayServer({ reservations: { maxReservations: config.relay.maxReservations } }),
    },
  } satisfies Libp2pOptions;
}
