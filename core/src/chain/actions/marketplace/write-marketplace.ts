// The marketplace's buying, paying and withdrawing transactions.
import type { Address, Hash, PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export type MarketplaceCall =
  // The price the person saw: a creator who raises it meanwhile cannot charge more.
  | { functionName: 'buyLicence' | 'useModel'; args: [id: bigint, maxPrice: bigint] }
  | { functionName: 'deposit' | 'withdrawPrepaid'; args: [amount: bigint] }
  | { functionName: 'withdrawEarnings'; args: [] }
  | { functionName: 'setPrices'; args: [id: bigint, pricePerUse: bigint, licencePrice: bigint] }
  | { functionName: 'setListed'; args: [id: bigint, listed: boolean] };

export async function writeMarketplace(
  client: PublicClient,
  wallet: ConnectedWallet,
  marketplace: Address,
  call: MarketplaceCall,
): Promise<Hash> {
  return (await writeAndWait(client, wallet, { address: marketplace, abi: modelMarketplaceAbi, ...call })).hash;
}
