// What the resolver reads of a name on-chain: whether its TLD is PermaNet's, whether it is
// registered and live, until when, and the records DNS serves: text records "a" and "aaaa" (addresses,
// comma-separated; others are left out) and "txt", and the content hash (EIP-1577) for its DNSLink.
// Each name is read at most once per TTL.
import { namehash, type Address, type PublicClient } from 'viem';
import { isIPv4, isIPv6 } from 'node:net';
import { permaNetDomainRegistryAbi, tldRegistryAbi } from '@permanet/core/chain/abi/generated';
import { cidOfContenthash } from '@permanet/core/names/contenthash';

export interface NameRecords {
  /** Seconds until the name expires. */
  expiresIn: number;
  a: string[];
  aaaa: string[];
  txt: string[];
  /** The DNSLink path of its content hash ("/ipfs/<cid>"), or null. */
  dnslink: string | null;
}

/** null: no such name under a PermaNet TLD; undefined: the TLD is not PermaNet's. */
export type NameLookup = NameRecords | null | undefined;

const list = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

export function nameReader(
  client: PublicClient,
  contracts: { tlds: Address; names: Address },
  maxTtlS: number,
  now = () => Date.now(),
) {
  const cache = new Map<string, { until: number; lookup: NameLookup }>();
  const read = async (name: string): Promise<NameLookup> => {
    const labels = name.split('.');
    const tld = labels.at(-1)!;
    const isOurs = await client.readContract({
      address: contracts.tlds,
      abi: tldRegistryAbi,
      functionName: 'exists',
      args: [namehash(tld)],
    });
    if (!isOurs) return undefined;
    if (labels.length < 2) return null;
    const node = namehash(name);
    const registry = { address: contracts.names, abi: permaNetDomainRegistryAbi } as const;
    // ownerOf refuses a name that is not registered, or has expired.
    const live = await client.readContract({ ...registry, functionName: 'ownerOf', args: [BigInt(node)] }).then(
      () => true,
      () => false,
    );
    if (!live) return null;
    const text = (key: string) => client.readContract({ ...registry, functionName: 'text', args: [node, key] });
    const [expires, a, aaaa, txt, contenthash] = await Promise.all([
      client.readContract({ ...registry, functionName: 'expiresOf', args: [node] }),
      text('a'),
      text('aaaa'),
      text('txt'),
      client.readContract({ ...registry, functionName: 'contenthash', args: [node] }),
    ]);
    const cid = cidOfContenthash(contenthash);
    return {
      expiresIn: Math.max(0, Number(expires) - Math.floor(now() / 1000)),
      a: list(a).filter((ip) => isIPv4(ip)),
      aaaa: list(aaaa).filter((ip) => isIPv6(ip)),
      txt: txt ? [txt] : [],
      dnslink: cid ? `/ipfs/${cid}` : null,
    };
  };
  return {
    /** The records of `name` (lower case, no trailing dot), cached for at most the TTL. */
    async lookup(name: string): Promise<NameLookup> {
      const cached = cache.get(name);
      if (cached && cached.until > now()) return cached.lookup;
      const lookup = await read(name);
      const ttl = Math.min(maxTtlS, lookup ? lookup.expiresIn : maxTtlS);
      if (cache.size > 10_000) cache.clear();
      cache.set(name, { until: now() + ttl * 1000, lookup });
      return lookup;
    },
  };
}
