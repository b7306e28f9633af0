import type { Address, PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';

/** Whether `account` has registered a model: relays pin what such an account signs for. */
export const isPublisher = (client: PublicClient, marketplace: Address, account: Address): Promise<boolean> =>
  client.readContract({ address: marketplace, abi: modelMarketplaceAbi, functionName: 'isPublisher', args: [account] });
