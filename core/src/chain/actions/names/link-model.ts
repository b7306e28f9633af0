// Pointing a name at one of its owner's models through the marketplace adapter, or unpointing it.
import type { Address, Hash, Hex, PublicClient } from 'viem';
import { permaNetMarketplaceAdapterAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

/** Links `node` to `modelId`, or drops its link when `modelId` is null. */
export async function linkModel(
  client: PublicClient,
  wallet: ConnectedWallet,
  adapter: Address,
  node: Hex,
  modelId: bigint | null,
): Promise<Hash> {
  const call = { address: adapter, abi: permaNetMarketplaceAdapterAbi } as const;
  const { hash } = await writeAndWait(
    client,
    wallet,
    modelId === null
      ? { ...call, functionName: 'unlink', args: [node] }
      : { ...call, functionName: 'link', args: [node, modelId] },
  );
  return hash;
}
