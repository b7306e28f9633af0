import type { Account, Address, Chain, Hash, PublicClient, Transport, WalletClient } from 'viem';
import { modelMarketplaceAbi } from '../abi/generated.ts';
import type { ModelSpec } from '../../inference/model-spec.ts';

export interface RegisterModelParams {
  name: string;
  task: string;
  licence: string;
  weightsCid: string;
  cardCid: string;
  spec: ModelSpec;
  sizeBytes: number;
  /** JOY (wei) per use for accounts without a licence; 0 is free. */
  pricePerUse?: bigint;
  /** JOY (wei) for a perpetual licence; 0 offers none. */
  licencePrice?: bigint;
  /** The share of derivatives' revenue this model's creator asks, in basis points. */
  derivativeRoyaltyBps?: number;
  parentId?: bigint | null;
}

/**
 * Registers a model with its first version and waits for the receipt. Simulates first, so a
 * revert (a taken name, an empty field, the rate limit) surfaces as the contract's custom error
 * before any gas is spent.
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
    args: [
      {
        name: params.name,
        task: params.task,
        licence: params.licence,
        weightsCid: params.weightsCid,
        cardCid: params.cardCid,
        spec: JSON.stringify(params.spec),
        sizeBytes: BigInt(params.sizeBytes),
        pricePerUse: params.pricePerUse ?? 0n,
        licencePrice: params.licencePrice ?? 0n,
        derivativeRoyaltyBps: params.derivativeRoyaltyBps ?? 0,
        parentIdPlusOne: params.parentId == null ? 0n : params.parentId + 1n,
      },
    ],
  });
  const hash = await wallet.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`registering ${params.name} reverted in ${hash}`);
  return { id: result, hash };
}
