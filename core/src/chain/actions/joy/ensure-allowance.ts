// Lets `spender` take `amount` JOY from the wallet's account: approves exactly that amount when
// the current allowance is smaller, and sends nothing when it already suffices.
import type { Address, Hash, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeJoy } from './write-joy.ts';

export async function ensureAllowance(
  client: PublicClient,
  wallet: ConnectedWallet,
  joy: Address,
  spender: Address,
  amount: bigint,
): Promise<Hash | null> {
  const allowance = await client.readContract({
    address: joy,
    abi: joyTokenAbi,
    functionName: 'allowance',
    args: [wallet.account.address, spender],
  });
  if (allowance >= amount) return null;
  return writeJoy(client, wallet, joy, { functionName: 'approve', args: [spender, amount] });
}
