// The relay's connection gater: peer ids are free, IP addresses are not, so what one address may
// hold is capped: connections open at once (connections.per_ip) and circuit reservations
// (relay.max_reservations_per_ip), counted over the connections libp2p holds now.
import type { ConnectionGater, PeerId } from '@libp2p/interface';
import type { Libp2p } from 'libp2p';
import { ipOf } from '@permanet/core/p2p/ip-of';

export interface PerIpLimits {
  connections: number;
  reservations: number;
}

/** `node` is read when a connection arrives (the gater is made before the node it gates). */
export function perIpGater(node: () => Libp2p | undefined, limits: PerIpLimits): ConnectionGater {
  const connectionsFrom = (ip: string) =>
    node()
      ?.getConnections()
      .filter((c) => ipOf(c.remoteAddr) === ip) ?? [];
  return {
    denyInboundConnection: (maConn) => connectionsFrom(ipOf(maConn.remoteAddr)).length >= limits.connections,
    denyInboundRelayReservation(source: PeerId) {
      const libp2p = node();
      const connection = libp2p?.getConnections(source)[0];
      if (!libp2p || !connection) return false;
      const relay = (libp2p.services as { relay?: { reservations: { has(peer: PeerId): boolean } } }).relay;
      const holders = new Set(
        connectionsFrom(ipOf(connection.remoteAddr))
          .filter((c) => !c.remotePeer.equals(source) && relay?.reservations.has(c.remotePeer))
          .map((c) => c.remotePeer.toString()),
      );
      return holders.size >= limits.reservations;
    },
  };
}
