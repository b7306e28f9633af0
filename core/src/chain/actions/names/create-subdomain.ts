// A subdomain made by its parent's owner, in one transaction: for the owner itself, with its
// records set in the same multicall; for another account, handed to it bare (its records are its
// new owner's to set).
import { encodeFunctionData, namehash, type Address, type Hash, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import { recordCalls, type RecordChanges } from './set-name-records.ts';

export async function createSubdomain(
  client: PublicClient,
  wallet: ConnectedWallet,
  names: Address,
  parent: { name: string; node: Hex },
  label: string,
  owner: Address,
  records: RecordChanges = {},
): Promise<{ hash: Hash; name: string }> {
  const name = `${label}.${parent.name}`;
  const mine = owner.toLowerCase() === wallet.account.address.toLowerCase();
  const calls = [
    encodeFunctionData({
      abi: permaNetDomainRegistryAbi,
      functionName: 'setSubdomain',
      args: [parent.node, label, owner],
    }),
    ...(mine ? recordCalls(namehash(name), records) : []),
  ];
  const { hash } = await writeAndWait(client, wallet, {
    address: names,
    abi: permaNetDomainRegistryAbi,
    functionName: 'multicall',
    args: [calls],
  });
  return { hash, name };
}
