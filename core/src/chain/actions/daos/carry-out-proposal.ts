// A proposal that passed, carried out in its two steps, each by anyone: queued, it is handed to the
// DAO's timelock; executed once the timelock's delay is over, the timelock makes its calls.
import type { Address, Hash, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import type { ProposalCalls } from './list-proposals.ts';

async function step(
  functionName: 'queue' | 'execute',
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposal: ProposalCalls,
): Promise<Hash> {
  // Both depend on the time (the vote's end, the timelock's delay): simulated on the pending block.
  const { hash } = await writeAndWait(
    client,
    wallet,
    {
      address: governor,
      abi: tldGovernorAbi,
      functionName,
      args: [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
    },
    { pending: true },
  );
  return hash;
}

type Carry = (
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  proposal: ProposalCalls,
) => Promise<Hash>;

export const queueProposal: Carry = (...args) => step('queue', ...args);
export const executeProposal: Carry = (...args) => step('execute', ...args);
