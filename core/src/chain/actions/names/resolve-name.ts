// What a name points at: its owner and expiry from the domain registry, and the model the
// marketplace adapter links it to (null when none, or when the link was dropped).
import { namehash, type Address, type Hex, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi, permaNetMarketplaceAdapterAbi } from '../../abi/generated.ts';
import { PermaNetError } from '../../../errors/permanet-error.ts';
import { isRevert } from '../../describe-error.ts';

export class NameNotFoundError extends PermaNetError {
  override name = 'NameNotFoundError';
}

export interface ResolvedName {
  name: string;
  node: Hex;
  owner: Address;
  expires: Date;
  modelId: bigint | null;
}

/** `name` as normalizeName returns it. */
export async function resolveName(
  client: PublicClient,
  contracts: { names: Address; models: Address },
  name: string,
): Promise<ResolvedName> {
  const node = namehash(name);
  const registry = { address: contracts.names, abi: permaNetDomainRegistryAbi } as const;
  const owner = await client
    .readContract({ ...registry, functionName: 'ownerOf', args: [BigInt(node)] })
    .catch((error) => {
      if (isRevert(error)) throw new NameNotFoundError(`${name} is not registered, or has expired`);
      throw error;
    });
  const [expires, modelId] = await Promise.all([
    client.readContract({ ...registry, functionName: 'expiresOf', args: [node] }),
    client
      .readContract({
        address: contracts.models,
        abi: permaNetMarketplaceAdapterAbi,
        functionName: 'modelOf',
        args: [node],
      })
      .catch((error) => {
        if (isRevert(error)) return null;
        throw error;
      }),
  ]);
  return { name, node, owner, expires: new Date(Number(expires) * 1000), modelId };
}
