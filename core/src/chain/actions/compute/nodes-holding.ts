// The compute nodes that can run a model now: registered, active, with a fresh heartbeat, and
// holding the model (as they declared to NodeCoordinator).
import type { Address, PublicClient } from 'viem';
import { nodeCoordinatorAbi } from '../../abi/generated.ts';
import { listNodes, type NodeRecord } from './list-nodes.ts';

export async function nodesHolding(client: PublicClient, coordinator: Address, modelId: bigint): Promise<NodeRecord[]> {
  const live = (await listNodes(client, coordinator)).filter((n) => n.active && !n.stale);
  const holds = await Promise.all(
    live.map((n) =>
      client.readContract({
        address: coordinator,
        abi: nodeCoordinatorAbi,
        functionName: 'holds',
        args: [n.address, modelId],
      }),
    ),
  );
  return live.filter((_, i) => holds[i]);
}
