// Where to reach a compute node known only by its peer id (NodeCoordinator records no address):
// a peer this tab is connected to (the relays it keeps) is dialed by id; a tab that contributes
// is found the way model holders are, by asking the relays who holds the model's weights. A
// connection through a relay's circuit is limited (no protocol streams), so it does not count:
// the tab's WebRTC address is dialed instead.
import { peerIdFromString } from '@libp2p/peer-id';
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { peerIdOf } from '@permanet/core/p2p/peer-id-of';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

/** No connection and no relay's record: the peer may still come (a tab re-registering its circuit). */
export class PeerNotFoundError extends PermaNetError {
  override name = 'PeerNotFoundError';
}

export class MalformedPeerIdError extends PermaNetError {
  override name = 'MalformedPeerIdError';
}

export async function locatePeer(
  libp2p: Pick<Libp2p, 'getConnections'>,
  peerId: string,
  findProviders: () => Promise<Multiaddr[]>,
): Promise<PeerId | Multiaddr> {
  let id: PeerId;
  try {
    id = peerIdFromString(peerId);
  } catch {
    throw new MalformedPeerIdError(`the node's peer id ${peerId.slice(0, 80)} is not a libp2p peer id`);
  }
  if (libp2p.getConnections(id).some((connection) => connection.limits == null)) return id;
  const addr = (await findProviders().catch(() => [])).find((a) => peerIdOf(a) === peerId);
  if (!addr) throw new PeerNotFoundError(`no relay knows how to reach ${peerId}`);
  return addr;
}
