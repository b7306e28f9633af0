import { BaseError, ContractFunctionRevertedError, type Address, type PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';

/** The id of the model registered under `name`, or null when the name is free. */
export async function modelIdByName(client: PublicClient, marketplace: Address, name: string): Promise<bigint | null> {
  try {
    return await client.readContract({
      address: marketplace,
      abi: modelMarketplaceAbi,
      functionName: 'modelIdByName',
      args: [name],
    });
  } catch (error) {
    const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null;
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === 'UnknownName') return null;
    throw error;
  }
}
