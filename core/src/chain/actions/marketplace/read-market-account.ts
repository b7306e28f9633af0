// What one account has in the marketplace: JOY it can spend, prepaid uses, royalties earned,
// and (for one model) whether it holds a licence.
import type { Address, PublicClient } from 'viem';
import { joyTokenAbi, modelMarketplaceAbi } from '../../abi/generated.ts';

export interface MarketAccount {
  /** JOY the account can move (its balance less what is staked). */
  free: bigint;
  prepaid: bigint;
  earnings: bigint;
  /** Null when no model was asked about. */
  licensed: boolean | null;
}

export async function readMarketAccount(
  client: PublicClient,
  contracts: { joy: Address; marketplace: Address },
  account: Address,
  modelId: bigint | null = null,
): Promise<MarketAccount> {
  const market = { address: contracts.marketplace, abi: modelMarketplaceAbi } as const;
  const [free, prepaid, earnings, licensed] = await Promise.all([
    client.readContract({ address: contracts.joy, abi: joyTokenAbi, functionName: 'freeBalanceOf', args: [account] }),
    client.readContract({ ...market, functionName: 'prepaidOf', args: [account] }),
    client.readContract({ ...market, functionName: 'earningsOf', args: [account] }),
    modelId === null ? null : client.readContract({ ...market, functionName: 'hasLicence', args: [modelId, account] }),
  ]);
  return { free, prepaid, earnings, licensed };
}
