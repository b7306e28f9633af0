// A member's vote on a proposal, sent from its own account (it pays the gas); see sign-ballot.ts
// for a vote a relay sends.
import type { Address, Hash, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';

/** 0 against, 1 for, 2 abstain. */
export type Support = 0 | 1 | 2;

export async function castVote(
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposalId: bigint,
  support: Support,
): Promise<Hash> {
  const { hash } = await writeAndWait(
    client,
    wallet,
    { address: governor, abi: tldGovernorAbi, functionName: 'castVote', args: [proposalId, support] },
    { pending: true },
  );
  return hash;
}
