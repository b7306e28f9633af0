// A name's resolver records as the Names page edits them: its address (coin type 60), the IPFS CID
// of its content hash, and its text records (the keys found in its TextChanged events, with the
// values they hold now: records of an earlier registration read empty and are left out).
import { zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi } from '../../abi/generated.ts';
import { cidOfContenthash } from '../../../names/contenthash.ts';

export interface NameRecords {
  address: Address | null;
  /** The CIDv1 of an IPFS content hash; null when none (or another namespace). */
  contentCid: string | null;
  text: Record<string, string>;
}

export async function readNameRecords(
  client: PublicClient,
  names: Address,
  node: Hex,
  fromBlock = 0n,
): Promise<NameRecords> {
  const registry = { address: names, abi: permaNetDomainRegistryAbi } as const;
  const changes = await client.getContractEvents({ ...registry, eventName: 'TextChanged', args: { node }, fromBlock });
  const keys = [...new Set(changes.map((e) => e.args.key!))];
  const [address, contenthash, values] = await Promise.all([
    client.readContract({ ...registry, functionName: 'addr', args: [node] }),
    client.readContract({ ...registry, functionName: 'contenthash', args: [node] }),
    Promise.all(keys.map((key) => client.readContract({ ...registry, functionName: 'text', args: [node, key] }))),
  ]);
  return {
    address: address === zeroAddress ? null : address,
    contentCid: cidOfContenthash(contenthash),
    text: Object.fromEntries(keys.map((key, i) => [key, values[i]]).filter(([, value]) => value !== '')),
  };
}
