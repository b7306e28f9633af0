// The relay's libp2p node: websockets in, circuit relay v2 server for browsers that cannot
// listen, identify, ping and gossipsub.
import { circuitRelayServer } from '@libp2p/circuit-relay-v2';
import { gossipsub } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import { noise } from '@libp2p/noise';
import { ping } from '@libp2p/ping';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import type { PrivateKey } from '@libp2p/interface';
import type { Libp2pOptions } from 'libp2p';
import type { RelayConfig } from '../config/relay-config.ts';

export function relayLibp2pOptions(config: RelayConfig, privateKey: PrivateKey) {
  return {
    privateKey,
    addresses: { listen: config.listen, announce: config.announce },
    transports: [webSockets()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      relay: circuitRelayServer({ reservations: { maxReservations: config.relay.maxReservations } }),
      pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }),
    },
  } satisfies Libp2pOptions;
}
