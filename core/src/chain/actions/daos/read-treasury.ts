// A TLD's treasury as its DAO sees it: the JOY its treasury holds, the fees the registry keeps for
// it until someone withdraws them, and the TLD's policy (what a policy proposal changes).
import type { Address, Hex, PublicClient } from 'viem';
import { joyTokenAbi, permaNetDomainRegistryAbi, tldRegistryAbi } from '../../abi/generated.ts';
import type { TldPolicy } from './proposal-calls.ts';

export interface Treasury {
  address: Address;
  balance: bigint;
  unwithdrawn: bigint;
  policy: TldPolicy;
}

export async function readTreasury(
  client: PublicClient,
  contracts: { joy: Address; tlds: Address; names: Address },
  tldNode: Hex,
): Promise<Treasury> {
  const [tld, [unwithdrawn]] = await Promise.all([
    client.readContract({ address: contracts.tlds, abi: tldRegistryAbi, functionName: 'tldOf', args: [tldNode] }),
    client.readContract({
      address: contracts.names,
      abi: permaNetDomainRegistryAbi,
      functionName: 'earningsOf',
      args: [tldNode],
    }),
  ]);
  const balance = await client.readContract({
    address: contracts.joy,
    abi: joyTokenAbi,
    functionName: 'balanceOf',
    args: [tld.treasury],
  });
  return { address: tld.treasury, balance, unwithdrawn, policy: tld.policy };
}
