// A queued proposal carried out by the DAO's timelock, by anyone, once its delay is over.
import type { Address, Hash, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import type { ProposalCalls } from './list-proposals.ts';

export async function executeProposal(
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
      functionName: 'execute',
      args: [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
    },
    { pending: true },
  );
  return hash;
}
