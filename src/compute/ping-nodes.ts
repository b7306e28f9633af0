// Pings every active compute node from this tab once, each answer a latency sample. A tab that
// contributes is found through the relays' holder records, asked once for all the nodes.
import type { Multiaddr } from '@multiformats/multiaddr';
import type { NodeRecord } from '@permanet/core/chain/actions/compute/list-nodes';
import { locatePeer } from '../p2p/locate-peer.ts';
import type { BrowserNode } from '../storage/browser-node.ts';

/** How long one ping may take before the node counts as unreachable this time. */
export const PING_TIMEOUT_MS = 4000;

type Pinger = { ping(target: unknown, options?: { signal?: AbortSignal }): Promise<number> };

/** `cids` are the listed models' weights, whose holders may be nodes. */
export async function pingNodes(
  node: BrowserNode,
  nodes: NodeRecord[],
  cids: string[],
  onSample: (peer: string, ms: number) => void,
): Promise<void> {
  const { ping } = node.libp2p.services as { ping: Pinger };
  let holders: Promise<Multiaddr[]> | null = null;
  const findHolders = () =>
    (holders ??= Promise.all(cids.map((cid) => node.findProviders(cid))).then((found) => found.flat()));
  await Promise.all(
    nodes
      .filter((n) => n.active)
      .map(async (n) => {
        try {
          const target = await locatePeer(node.libp2p, n.peerId, findHolders);
          onSample(n.peerId, await ping.ping(target, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) }));
        } catch {
          // An unreachable node shows no new sample; its heartbeat age tells the rest.
        }
      }),
  );
}
