import type { Account, Address, Chain, Hash, PublicClient, Transport, WalletClient } from 'viem';
import { modelMarketplaceAbi } from '../abi/generated.ts';
import type { ModelSpec } from '../../inference/model-spec.ts';

export interface RegisterModelParams {
  name: string;
  task: string;
  weightsCid: string;
  spec: ModelSpec;
  sizeBytes: number;
}

/**
 * Registers a model and waits for the receipt. Simulates first, so a revert (a taken name, an
 * empty field) surfaces as the contract's custom error before any gas is spent.
 */
export async function registerModel(
  publicClient: PublicClient,
  wallet: WalletClient<Transport, Chain | undefined, Account>,
  marketplace: Address,
  params: RegisterModelParams,
): Promise<{ id: bigint; hash: Hash }> {
  const { request, result } = await publicClient.simulateContract({
    account: wallet.account,
    address: marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'registerModel',
    args: [params.name, params.task, params.weightsCid, JSON.stringify(params.spec), BigInt(params.sizeBytes)],
  });
  const hash = await wallet.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`registering ${params.name} reverted in ${hash}`);
  return { id: result, hash };
}
