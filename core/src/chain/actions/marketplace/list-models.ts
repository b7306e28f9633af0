import type { Address, PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';
import { toModelRecord, type ModelRecord } from './model-record.ts';

const PAGE = 100n;

/** Every model the marketplace lists, in registration order, read page by page. */
export async function listModels(client: PublicClient, marketplace: Address): Promise<ModelRecord[]> {
  const models: ModelRecord[] = [];
  for (let offset = 0n; ; offset += PAGE) {
    const page = await client.readContract({
      address: marketplace,
      abi: modelMarketplaceAbi,
      functionName: 'listModels',
      args: [offset, PAGE],
    });
    models.push(...page.map(toModelRecord));
    if (BigInt(page.length) < PAGE) return models;
  }
}
