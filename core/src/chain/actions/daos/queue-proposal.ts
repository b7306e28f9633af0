// A proposal that passed, handed to the DAO's timelock: it can be executed once the delay is over.
import type { Address, Hash, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import type { ProposalCalls } from './list-proposals.ts';

export async function queueProposal(
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposal: ProposalCalls,
): Promise<Hash> {
  const { hash } = await writeAndWait(
    client,
    wallet,
    {
      address: governor,
      abi: tldGovernorAbi,
      functionName: 'queue',
      args: [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
    },
    { pending: true },
  );
  return hash;
}
