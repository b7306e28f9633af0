// Joining a DAO, or staking more: JOY approved to its TldVotes, then deposited (its first stake
// delegates to itself, so the votes count at once); and taking a stake out again as JOY.
import type { Address, Hash, PublicClient } from 'viem';
import { tldVotesAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { ensureAllowance } from '../joy/ensure-allowance.ts';
import { writeAndWait } from '../write-and-wait.ts';

export async function stakeInDao(
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { joy: Address; votes: Address },
  amount: bigint,
): Promise<Hash> {
  await ensureAllowance(client, wallet, contracts.joy, contracts.votes, amount);
  const { hash } = await writeAndWait(client, wallet, {
    address: contracts.votes,
    abi: tldVotesAbi,
    functionName: 'depositFor',
    args: [wallet.account.address, amount],
  });
  return hash;
}

export async function withdrawFromDao(
  client: PublicClient,
  wallet: ConnectedWallet,
  votes: Address,
  amount: bigint,
): Promise<Hash> {
  const { hash } = await writeAndWait(client, wallet, {
    address: votes,
    abi: tldVotesAbi,
    functionName: 'withdrawTo',
    args: [wallet.account.address, amount],
  });
  return hash;
}
