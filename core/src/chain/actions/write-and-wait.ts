// Sends one contract call the way every action here does: simulated first, so a revert surfaces
// as the contract's custom error before any gas is spent; then sent and awaited to its receipt.
import type { Abi, Address, Hash, PublicClient, TransactionReceipt } from 'viem';
import type { ConnectedWallet } from '../dev-wallet.ts';
import { PermaNetError } from '../../errors/permanet-error.ts';

export class TransactionRevertedError extends PermaNetError {
  override name = 'TransactionRevertedError';
  readonly hash: Hash;
  constructor(functionName: string, hash: Hash) {
    super(`${functionName} reverted in ${hash}`);
    this.hash = hash;
  }
}

export interface ContractCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

export interface WriteOptions {
  /** Called with the hash as soon as the wallet has sent it (to resume by waiting, not resending). */
  onSent?: (hash: Hash) => void;
  /**
   * Simulate on the pending block: for a call that depends on the time, since a dev chain that mines
   * only on transactions keeps its latest block's timestamp from the last one.
   */
  pending?: boolean;
}

export async function writeAndWait<R = unknown>(
  client: PublicClient,
  wallet: ConnectedWallet,
  call: ContractCall,
  options: WriteOptions = {},
): Promise<{ hash: Hash; result: R; receipt: TransactionReceipt }> {
  const { request, result } = await client.simulateContract({
    account: wallet.account,
    ...call,
    ...(options.pending && { blockTag: 'pending' }),
  } as never);
  const hash = await wallet.writeContract(request as never);
  options.onSent?.(hash);
  return { hash, result: result as R, receipt: await waitForSuccess(client, hash, call.functionName) };
}

/** The receipt of a sent transaction, or TransactionRevertedError. */
export async function waitForSuccess(client: PublicClient, hash: Hash, what: string): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new TransactionRevertedError(what, hash);
  return receipt;
}
