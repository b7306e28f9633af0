// The names an account holds now: every name (registered or a subdomain) ever sent to it, by the
// registry's ERC-721 Transfer events, kept when it still owns it and it is live. A name's text is
// read back from the event that made it (NameRegistered, or SubdomainSet under its parent's name).
import { zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi, tldRegistryAbi } from '../../abi/generated.ts';
import { childNode } from '../../../names/child-node.ts';

export interface OwnedName {
  name: string;
  node: Hex;
  expires: Date;
  /** Registered under its TLD (renewable), not a subdomain. */
  registered: boolean;
}

export async function listOwnedNames(
  client: PublicClient,
  contracts: { tlds: Address; names: Address },
  owner: Address,
  fromBlock = 0n,
): Promise<OwnedName[]> {
  const registry = { address: contracts.names, abi: permaNetDomainRegistryAbi } as const;
  const received = await client.getContractEvents({
    ...registry,
    eventName: 'Transfer',
    args: { to: owner },
    fromBlock,
  });
  const nodes = [...new Set(received.map((e) => `0x${e.args.tokenId!.toString(16).padStart(64, '0')}` as Hex))];
  if (nodes.length === 0) return [];
  const [registered, subdomains, tlds] = await Promise.all([
    // All of them: a subdomain held here may hang under a name held elsewhere.
    client.getContractEvents({ ...registry, eventName: 'NameRegistered', fromBlock }),
    client.getContractEvents({ ...registry, eventName: 'SubdomainSet', fromBlock }),
    client.getContractEvents({ address: contracts.tlds, abi: tldRegistryAbi, eventName: 'TldCreated', fromBlock }),
  ]);
  const names = new Map<Hex, string>(tlds.map((e) => [e.args.node!, e.args.label!]));
  for (const e of registered) names.set(e.args.node!, `${e.args.label}.${names.get(e.args.tld!)}`);
  // A subdomain's parent comes before it in the log, so one pass in order names every level.
  for (const e of subdomains) {
    const parent = names.get(e.args.parent!);
    if (parent) names.set(childNode(e.args.parent!, e.args.label!), `${e.args.label}.${parent}`);
  }
  const held = await Promise.all(
    nodes.map(async (node) => {
      const [holder, expires] = await Promise.all([
        client.readContract({ ...registry, functionName: 'ownerOf', args: [BigInt(node)] }).catch(() => zeroAddress),
        client.readContract({ ...registry, functionName: 'expiresOf', args: [node] }),
      ]);
      const name = names.get(node);
      if (holder.toLowerCase() !== owner.toLowerCase() || !name) return null;
      return { name, node, expires: new Date(Number(expires) * 1000), registered: name.split('.').length === 2 };
    }),
  );
  return held.filter((n) => n !== null).sort((a, b) => a.name.localeCompare(b.name));
}
