// A DAO's proposals, newest first, from its governor's ProposalCreated events: each with its state,
// tallies, voting window, the quorum it needs, whether `account` has voted, and, for a decision on
// a pending registration, which name it decides. The calls are kept: queue and execute need them.
import { decodeFunctionData, keccak256, toHex, type Address, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi, tldGovernorAbi } from '../../abi/generated.ts';
import { childNode } from '../../../names/child-node.ts';

export const PROPOSAL_STATES = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ProposalCalls {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  descriptionHash: Hex;
}

export interface ProposalRecord extends ProposalCalls {
  id: bigint;
  proposer: Address;
  description: string;
  state: ProposalState;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** Votes (for and abstain) it needs; null before its snapshot. */
  quorum: bigint | null;
  voteStart: Date;
  voteEnd: Date;
  /** When it may be executed, once queued; null otherwise. */
  eta: Date | null;
  hasVoted: boolean | null;
  /** The votes `account` held at the snapshot; null before it, or without an account. */
  weight: bigint | null;
  /** The pending registration it approves or rejects. */
  decides: { node: Hex; approve: boolean } | null;
}

function decisionOf(names: Address, target: Address, data: Hex): ProposalRecord['decides'] {
  if (target.toLowerCase() !== names.toLowerCase()) return null;
  try {
    const call = decodeFunctionData({ abi: permaNetDomainRegistryAbi, data });
    if (call.functionName === 'approveRegistration') {
      const { label, tld } = call.args[0];
      return { node: childNode(tld, label), approve: true };
    }
    if (call.functionName === 'rejectRegistration') return { node: call.args[0], approve: false };
  } catch {
    // another call to the registry
  }
  return null;
}

export async function listProposals(
  client: PublicClient,
  contracts: { governor: Address; names: Address },
  account: Address | null,
  fromBlock = 0n,
): Promise<ProposalRecord[]> {
  // Read on the pending block: a proposal's state moves with the clock, and a dev chain that mines
  // only on transactions keeps its latest block's time from the last one.
  const governor = { address: contracts.governor, abi: tldGovernorAbi, blockTag: 'pending' } as const;
  const [events, now] = await Promise.all([
    client.getContractEvents({
      address: contracts.governor,
      abi: tldGovernorAbi,
      eventName: 'ProposalCreated',
      fromBlock,
    }),
    client.getBlock({ blockTag: 'pending' }).then((b) => b.timestamp),
  ]);
  const proposals = await Promise.all(
    events.map(async (e) => {
      const { proposalId: id, voteStart, voteEnd, description } = e.args as Required<typeof e.args>;
      const started = voteStart < now;
      const [state, [against, inFavour, abstain], eta, voted, quorum, weight] = await Promise.all([
        client.readContract({ ...governor, functionName: 'state', args: [id] }),
        client.readContract({ ...governor, functionName: 'proposalVotes', args: [id] }),
        client.readContract({ ...governor, functionName: 'proposalEta', args: [id] }),
        account && client.readContract({ ...governor, functionName: 'hasVoted', args: [id, account] }),
        started ? client.readContract({ ...governor, functionName: 'quorum', args: [voteStart] }) : null,
        account && started
          ? client.readContract({ ...governor, functionName: 'getVotes', args: [account, voteStart] })
          : null,
      ]);
      const targets = [...e.args.targets!];
      const calldatas = [...e.args.calldatas!];
      return {
        id,
        proposer: e.args.proposer!,
        description,
        targets,
        values: [...e.args.values!],
        calldatas,
        descriptionHash: keccak256(toHex(description)),
        state: PROPOSAL_STATES[state],
        votes: { against, for: inFavour, abstain },
        quorum,
        voteStart: new Date(Number(voteStart) * 1000),
        voteEnd: new Date(Number(voteEnd) * 1000),
        eta: eta === 0n ? null : new Date(Number(eta) * 1000),
        hasVoted: voted,
        weight,
        decides: targets.length === 1 ? decisionOf(contracts.names, targets[0], calldatas[0]) : null,
      };
    }),
  );
  return proposals.reverse();
}
