// What the relay asks the chain: whether a registration names a CID, whether an account
// publishes models, which listed model a weights CID is (its spec, for inference), and a model
// version's prover (for proofs). Read from
// the deployments file the deploy step wrote.
import { readFile } from 'node:fs/promises';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { modelMarketplaceAbi } from '@permanet/core/chain/abi/generated';
import { parseDeployments, type Deployments } from '@permanet/core/chain/deployments';
import { ConfigError, FieldReader } from '@permanet/core/config/fields';
import { listModels } from '@permanet/core/chain/actions/marketplace/list-models';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { readProver, type ProverRecord } from '@permanet/core/chain/actions/proving/read-prover';

export interface MarketplaceReader {
  isRegisteredCid(cid: string): Promise<boolean>;
  isPublisher(account: Address): Promise<boolean>;
  /** The listed model whose latest version has these weights, or null. */
  modelByWeights(cid: string): Promise<ModelRecord | null>;
  /** The `count` listed models with the most uses on-chain. */
  mostUsed(count: number): Promise<ModelRecord[]>;
  /** The Groth16 prover registered for a model version, or null. */
  proverOf(model: bigint, version: number): Promise<ProverRecord | null>;
}

/** How often the listing is read again when a CID is not in the last copy. */
const LISTING_REFRESH_MS = 2000;

export async function marketplaceReader(
  deploymentsFile: string,
): Promise<MarketplaceReader & { deployments: Deployments; client: PublicClient }> {
  let text: string;
  try {
    text = await readFile(deploymentsFile, 'utf8');
  } catch (error) {
    throw new ConfigError('chain.deployments', [
      `cannot read ${deploymentsFile} (${(error as NodeJS.ErrnoException).code}): start the chain and deploy first ` +
        `(npm start does), or pass --deployments`,
    ]);
  }
  const deployments = parseDeployments(new FieldReader(deploymentsFile).json(text), deploymentsFile);
  const client = createPublicClient({ transport: http(deployments.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
  const address = deployments.contracts.ModelMarketplace.address;
  let listing: { at: number; byWeights: Map<string, ModelRecord> } | null = null;
  // A version's prover is registered once and never changes: read it from the chain once.
  const provers = new Map<string, ProverRecord>();
  const read = async () => {
    const models = await listModels(client, address);
    listing = { at: Date.now(), byWeights: new Map(models.filter((m) => m.listed).map((m) => [m.weightsCid, m])) };
    return listing;
  };
  const modelByWeights = async (cid: string) => {
    const current =
      listing && (listing.byWeights.has(cid) || Date.now() - listing.at <= LISTING_REFRESH_MS) ? listing : await read();
    return current.byWeights.get(cid) ?? null;
  };
  return {
    deployments,
    client,
    modelByWeights,
    mostUsed: async (count) => [...(await read()).byWeights.values()].sort((a, b) => b.uses - a.uses).slice(0, count),
    isRegisteredCid: (cid) =>
      client.readContract({ address, abi: modelMarketplaceAbi, functionName: 'isRegisteredCid', args: [cid] }),
    proverOf: async (model, version) => {
      const key = `${model}/${version}`;
      const known = provers.get(key);
      if (known) return known;
      const prover = await readProver(client, address, model, version);
      if (prover) provers.set(key, prover);
      return prover;
    },
    isPublisher: (account) =>
      client.readContract({ address, abi: modelMarketplaceAbi, functionName: 'isPublisher', args: [account] }),
  };
}
