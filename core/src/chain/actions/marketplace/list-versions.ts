// A model's published versions, oldest first, numbered as the contract numbers them (from 0).
import type { Address, PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../abi/generated.ts';

export interface VersionRecord {
  version: number;
  weightsCid: string;
  cardCid: string;
  sizeBytes: number;
  publishedAt: Date;
}

export async function listVersions(
  client: PublicClient,
  marketplace: Address,
  id: bigint,
  count: number,
): Promise<VersionRecord[]> {
  const versions = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      client.readContract({
        address: marketplace,
        abi: modelMarketplaceAbi,
        functionName: 'getVersion',
        args: [id, i],
      }),
    ),
  );
  return versions.map((v, i) => ({
    version: i,
    weightsCid: v.weightsCid,
    cardCid: v.cardCid,
    sizeBytes: Number(v.sizeBytes),
    publishedAt: new Date(Number(v.publishedAt) * 1000),
  }));
}
