import type { Address, PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../abi/generated.ts';
import { toModelRecord, type ModelRecord } from './model-record.ts';

/** One model by id; reverts with UnknownModel for an id the marketplace does not hold. */
export async function getModel(client: PublicClient, marketplace: Address, id: bigint): Promise<ModelRecord> {
  const raw = await client.readContract({ address: marketplace, abi: modelMarketplaceAbi, functionName: 'getModel', args: [id] });
  return toModelRecord(id, raw);
}
