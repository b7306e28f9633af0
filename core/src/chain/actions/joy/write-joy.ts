// JoyToken's staking, voting and allowance transactions.
import type { Address, Hash, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

export type JoyCall =
  | { functionName: 'stake' | 'requestUnstake'; args: [bigint] }
  | { functionName: 'withdraw'; args: [] }
  | { functionName: 'delegate'; args: [Address] }
  | { functionName: 'approve'; args: [Address, bigint] };

export async function writeJoy(
  client: PublicClient,
  wallet: ConnectedWallet,
  joy: Address,
  call: JoyCall,
): Promise<Hash> {
  return (await writeAndWait(client, wallet, { address: joy, abi: joyTokenAbi, ...call })).hash;
}
