// A proposal that the DAO approve a pending registration (the Registration given whole, as the
// registry checks it against its escrow) or reject it (its node alone). Its description names the
// decision and the registrant, so the same decision proposed twice is the same proposal, refused.
import { encodeFunctionData, type Address, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi, tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { PermaNetError } from '../../../errors/permanet-error.ts';
import { writeAndWait } from '../write-and-wait.ts';
import type { PendingRegistration } from './list-pending-registrations.ts';

export async function proposeDecision(
  client: PublicClient,
  wallet: ConnectedWallet,
  contracts: { governor: Address; names: Address },
  pending: PendingRegistration,
  approve: boolean,
): Promise<bigint> {
  let data: Hex;
  if (approve) {
    if (pending.registration === null)
      throw new PermaNetError(`the registration of ${pending.name} cannot be read back; its registrant can propose it`);
    data = encodeFunctionData({
      abi: permaNetDomainRegistryAbi,
      functionName: 'approveRegistration',
      args: [pending.registration],
    });
  } else {
    data = encodeFunctionData({
      abi: permaNetDomainRegistryAbi,
      functionName: 'rejectRegistration',
      args: [pending.node],
    });
  }
  const description = `${approve ? 'Approve' : 'Reject'} ${pending.name} for ${pending.owner}`;
  const { result } = await writeAndWait<bigint>(client, wallet, {
    address: contracts.governor,
    abi: tldGovernorAbi,
    functionName: 'propose',
    args: [[contracts.names], [0n], [data], description],
  });
  return result;
}
