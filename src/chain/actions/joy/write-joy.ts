// JoyToken's staking and voting transactions, simulated first so a revert surfaces as the
// contract's custom error (InsufficientFreeBalance, CooldownNotElapsed, …) before any gas is spent.
import type { Address, Hash, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../wallet/dev-wallet.ts';

type JoyCall =
  | { functionName: 'stake' | 'requestUnstake'; args: [bigint] }
  | { functionName: 'withdraw'; args: [] }
  | { functionName: 'delegate'; args: [Address] };

export async function writeJoy(client: PublicClient, wallet: ConnectedWallet, joy: Address, call: JoyCall): Promise<Hash> {
  const { request } = await client.simulateContract({ account: wallet.account, address: joy, abi: joyTokenAbi, ...call } as never);
  const hash = await wallet.writeContract(request as never);
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${call.functionName} reverted in ${hash}`);
  return hash;
}
