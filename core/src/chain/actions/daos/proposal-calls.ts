// The calls a TLD's DAO votes on, each made by its timelock once passed: a decision on a pending
// registration, a change of the TLD's policy, a spend from the treasury (the timelock's JOY), and
// handing the TLD on. Each is encoded from its contract's ABI, with the sentence that describes it.
import { encodeFunctionData, formatEther, type Address, type Hex } from 'viem';
import { joyTokenAbi, permaNetDomainRegistryAbi, tldRegistryAbi } from '../../abi/generated.ts';
import { PermaNetError } from '../../../errors/permanet-error.ts';
import type { PendingRegistration } from './list-pending-registrations.ts';

export interface ProposedCall {
  target: Address;
  data: Hex;
  /** What it does, in words: the proposal's description is made of these. */
  says: string;
}

export type TldPolicy = {
  yearlyPrice: readonly [bigint, bigint, bigint, bigint, bigint];
  minYears: number;
  maxYears: number;
  gracePeriod: bigint;
  needsApproval: boolean;
  modelLinks: boolean;
};

/** Approves a pending registration (given whole, as the registry checks it) or rejects it. */
export function decisionCall(names: Address, pending: PendingRegistration, approve: boolean): ProposedCall {
  const abi = permaNetDomainRegistryAbi;
  if (approve && pending.registration === null)
    throw new PermaNetError(`the registration of ${pending.name} cannot be read back; its registrant can propose it`);
  return {
    target: names,
    data: approve
      ? encodeFunctionData({ abi, functionName: 'approveRegistration', args: [pending.registration!] })
      : encodeFunctionData({ abi, functionName: 'rejectRegistration', args: [pending.node] }),
    says: `${approve ? 'Approve' : 'Reject'} ${pending.name} for ${pending.owner}`,
  };
}

export const policyCall = (tlds: Address, tld: { label: string; node: Hex }, policy: TldPolicy): ProposedCall => ({
  target: tlds,
  data: encodeFunctionData({ abi: tldRegistryAbi, functionName: 'setPolicy', args: [tld.node, policy] }),
  says:
    `Set .${tld.label}'s yearly prices to ${policy.yearlyPrice.map((p) => formatEther(p)).join(', ')} JOY ` +
    `(1 to 5+ characters), ${policy.minYears} to ${policy.maxYears} years, ` +
    `${policy.needsApproval ? 'each registration approved by vote' : 'registrations open'}, ` +
    `${policy.modelLinks ? 'names may open models' : 'no model links'}`,
});

export const spendCall = (joy: Address, to: Address, amount: bigint): ProposedCall => ({
  target: joy,
  data: encodeFunctionData({ abi: joyTokenAbi, functionName: 'transfer', args: [to, amount] }),
  says: `Pay ${formatEther(amount)} JOY from the treasury to ${to}`,
});

export const handOnCall = (tlds: Address, tld: { label: string; node: Hex }, to: Address): ProposedCall => ({
  target: tlds,
  data: encodeFunctionData({ abi: tldRegistryAbi, functionName: 'transferTld', args: [tld.node, to] }),
  says: `Hand .${tld.label} on to ${to}`,
});
