// What registering a name costs and under which rules: whether it is free, the TLD's policy (the
// durations it sells, its grace period, whether its DAO approves each registration), the fee for
// the years asked and the platform's part, and how long a commitment must wait before its reveal.
import { labelhash, namehash, type Address, type PublicClient } from 'viem';
import { permaNetDomainRegistryAbi, tldRegistryAbi } from '../../abi/generated.ts';
import { InvalidNameError } from '../../../names/normalize-name.ts';

export interface NameQuote {
  label: string;
  tld: string;
  available: boolean;
  reserved: boolean;
  fee: bigint;
  platformPart: bigint;
  minYears: number;
  maxYears: number;
  gracePeriodSeconds: number;
  needsApproval: boolean;
  /** Whether names under the TLD may open models. */
  modelLinks: boolean;
  minCommitmentAgeSeconds: number;
}

/** `name` as normalizeName returns it: one label under a TLD. */
export async function quoteName(
  client: PublicClient,
  contracts: { tlds: Address; names: Address },
  name: string,
  yearCount: number,
): Promise<NameQuote> {
  const labels = name.split('.');
  if (labels.length !== 2)
    throw new InvalidNameError(`register ${name.split('.').slice(-2).join('.')}; its owner makes subdomains`);
  const [label, tld] = labels;
  const tldNode = namehash(tld);
  if (
    !(await client.readContract({
      address: contracts.tlds,
      abi: tldRegistryAbi,
      functionName: 'exists',
      args: [tldNode],
    }))
  )
    throw new InvalidNameError(`.${tld} is not a PermaNet TLD`);
  const registry = { address: contracts.names, abi: permaNetDomainRegistryAbi } as const;
  const [quote, available, minAge] = await Promise.all([
    client.readContract({
      address: contracts.tlds,
      abi: tldRegistryAbi,
      functionName: 'quote',
      args: [tldNode, labelhash(label), BigInt(label.length), BigInt(yearCount)],
    }),
    client.readContract({ ...registry, functionName: 'available', args: [tldNode, label] }),
    client.readContract({ ...registry, functionName: 'minCommitmentAge' }),
  ]);
  return {
    label,
    tld,
    available,
    reserved: quote.reserved,
    fee: quote.fee,
    platformPart: quote.platformPart,
    minYears: quote.minYears,
    maxYears: quote.maxYears,
    gracePeriodSeconds: Number(quote.gracePeriod),
    needsApproval: quote.needsApproval,
    modelLinks: quote.modelLinks,
    minCommitmentAgeSeconds: Number(minAge),
  };
}
