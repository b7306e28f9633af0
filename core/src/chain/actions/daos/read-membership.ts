// An account's place in a DAO: the JOY it has staked in it, the votes it holds now (its own
// stake, delegated to itself on joining), and the JOY it could stake.
import type { Address, PublicClient } from 'viem';
import { joyTokenAbi, tldVotesAbi } from '../../abi/generated.ts';

export interface Membership {
  staked: bigint;
  votes: bigint;
  /** All JOY staked in the DAO. */
  totalStaked: bigint;
  joyBalance: bigint;
}

export async function readMembership(
  client: PublicClient,
  contracts: { joy: Address; votes: Address },
  account: Address,
): Promise<Membership> {
  const votes = { address: contracts.votes, abi: tldVotesAbi } as const;
  const [staked, current, totalStaked, joyBalance] = await Promise.all([
    client.readContract({ ...votes, functionName: 'balanceOf', args: [account] }),
    client.readContract({ ...votes, functionName: 'getVotes', args: [account] }),
    client.readContract({ ...votes, functionName: 'totalSupply' }),
    client.readContract({ address: contracts.joy, abi: joyTokenAbi, functionName: 'balanceOf', args: [account] }),
  ]);
  return { staked, votes: current, totalStaked, joyBalance };
}
