import { parseEventLogs, type Address, type Hash, type PublicClient, type TransactionReceipt } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';
import type { ModelSpec } from '../../../inference/model-spec.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { waitForSuccess, writeAndWait, type WriteOptions } from '../write-and-wait.ts';
import { PermaNetError } from '../../../errors/permanet-error.ts';

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
 * Registers a model with its first version and waits for the receipt (a taken name, an empty field or the rate limit
 * revert in simulation, before anything is sent).
 */
export async function registerModel(
  publicClient: PublicClient,
  wallet: ConnectedWallet,
  marketplace: Address,
  params: RegisterModelParams,
  options: WriteOptions = {},
): Promise<{ id: bigint; hash: Hash }> {
  const registration = {
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
  };
  const { hash, receipt } = await writeAndWait(
    publicClient,
    wallet,
    { address: marketplace, abi: modelMarketplaceAbi, functionName: 'registerModel', args: [registration] },
    options,
  );
  return { id: registeredId(receipt), hash };
}

/** Waits for a registration sent earlier (a publish resumed after the page closed) and reads its id. */
export async function awaitRegistration(publicClient: PublicClient, hash: Hash): Promise<bigint> {
  return registeredId(await waitForSuccess(publicClient, hash, 'registerModel'));
}

// The id comes from the receipt's event, not the simulation: another registration may land first.
function registeredId(receipt: TransactionReceipt): bigint {
  const [event] = parseEventLogs({ abi: modelMarketplaceAbi, logs: receipt.logs, eventName: 'ModelRegistered' });
  if (!event) throw new PermaNetError(`transaction ${receipt.transactionHash} registered no model`);
  return event.args.id;
}
