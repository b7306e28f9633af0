// A proposal to a DAO: calls its timelock makes if it passes, described by what they do, by whom
// and when (the same calls with the same description would be the same proposal, so a payment
// made every month, or a decision proposed again after a defeat, needs its own). Returns its id.
import type { Address, PublicClient } from 'viem';
import { tldGovernorAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import type { ProposedCall } from './proposal-calls.ts';

const description = (wallet: ConnectedWallet, calls: ProposedCall[]) =>
  `${calls.map((c) => c.says).join('; ')} (proposed by ${wallet.account.address} at ${new Date().toISOString()})`;

export async function propose(
  client: PublicClient,
  wallet: ConnectedWallet,
  governor: Address,
  calls: ProposedCall[],
): Promise<bigint> {
  const { result } = await writeAndWait<bigint>(client, wallet, {
    address: governor,
    abi: tldGovernorAbi,
    functionName: 'propose',
    args: [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), description(wallet, calls)],
  });
  return result;
}
