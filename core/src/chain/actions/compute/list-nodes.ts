// The compute network's nodes as NodeCoordinator records them: backend, stake, reputation,
// capacity, region, peer id and how long since their last heartbeat.
import type { Address, PublicClient } from 'viem';
import { nodeCoordinatorAbi } from '../../abi/generated.ts';
import { NODE_BACKENDS, type NodeBackend } from '../../../compute/node-backends.ts';

export interface NodeRecord {
  address: Address;
  backend: NodeBackend;
  active: boolean;
  capacityRps: number;
  /** 0 to 1000; new nodes start at 500. */
  reputation: number;
  activeTasks: number;
  stake: bigint;
  region: string;
  peerId: string;
  lastHeartbeat: number;
  /** A stale node is skipped by selection. */
  stale: boolean;
}

export async function listNodes(client: PublicClient, coordinator: Address): Promise<NodeRecord[]> {
  const at = { address: coordinator, abi: nodeCoordinatorAbi } as const;
  const [addresses, ttl, block] = await Promise.all([
    client.readContract({ ...at, functionName: 'registeredNodes' }),
    client.readContract({ ...at, functionName: 'heartbeatTtl' }),
    client.getBlock(),
  ]);
  const nodes = await Promise.all(
    addresses.map((address) => client.readContract({ ...at, functionName: 'getNode', args: [address] })),
  );
  return nodes.map((n, i) => ({
    address: addresses[i],
    backend: NODE_BACKENDS[n.backend],
    active: n.active,
    capacityRps: n.capacityRps,
    reputation: n.reputation,
    activeTasks: n.activeTasks,
    stake: n.stake,
    region: n.region,
    peerId: n.peerId,
    lastHeartbeat: Number(n.lastHeartbeat),
    stale: block.timestamp > n.lastHeartbeat + ttl,
  }));
}
