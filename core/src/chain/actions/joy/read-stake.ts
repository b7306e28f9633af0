import type { Address, PublicClient } from 'viem';
import { joyTokenAbi } from '../../abi/generated.ts';

export interface StakeView {
  balance: bigint;
  free: bigint;
  staked: bigint;
  locked: bigint;
  unbonding: bigint;
  /** When the unbonding amount can be withdrawn; null when nothing is unbonding. */
  unbondingReadyAt: Date | null;
  votes: bigint;
  delegate: Address;
  cooldownSeconds: number;
}

/** Everything the stake page shows for one account, read in one multicall-free batch. */
export async function readStake(client: PublicClient, joy: Address, account: Address): Promise<StakeView> {
  const read = <F extends 'balanceOf' | 'freeBalanceOf' | 'getVotes' | 'delegates'>(functionName: F) =>
    client.readContract({ address: joy, abi: joyTokenAbi, functionName, args: [account] } as never) as Promise<
      F extends 'delegates' ? Address : bigint
    >;
  const [balance, free, votes, delegate, stake, cooldown] = await Promise.all([
    read('balanceOf'),
    read('freeBalanceOf'),
    read('getVotes'),
    read('delegates'),
    client.readContract({ address: joy, abi: joyTokenAbi, functionName: 'stakeOf', args: [account] }),
    client.readContract({ address: joy, abi: joyTokenAbi, functionName: 'cooldown' }),
  ]);
  return {
    balance,
    free,
    staked: stake.staked,
    locked: stake.locked,
    unbonding: stake.unbonding,
    unbondingReadyAt: stake.unbonding > 0n ? new Date(Number(stake.unbondingReadyAt) * 1000) : null,
    votes,
    delegate,
    cooldownSeconds: Number(cooldown),
  };
}
