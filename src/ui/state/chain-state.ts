// The chain slice of the app's state: the runtime config, one read client with the contracts'
// addresses, and the marketplace's model list (the last good copy when the chain is out of reach).
import { createMemo, createResource, type Accessor, type Resource } from 'solid-js';
import type { Address, PublicClient } from 'viem';
import { listModels } from '@permanet/core/chain/actions/marketplace/list-models';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';
import { loadModels, saveModels } from '../../chain/cached-models.ts';
import { createChainClient } from '../../chain/public-client.ts';
import type { AppConfig } from '../../config/app-config.ts';
import { loadAppConfig } from '../../config/load-app-config.ts';

export interface ModelList {
  models: ModelRecord[];
  /** Set when the chain could not be read and the list is the last one seen. */
  staleBecause: string | null;
}

export interface ChainHandles {
  client: PublicClient;
  joy: Address;
  marketplace: Address;
  coordinator: Address;
  proofOfInference: Address;
  /** The TLDs, the domain registry, and the adapter that links names to models. */
  tlds: Address;
  names: Address;
  nameModels: Address;
  /** The DAOs that govern TLDs. */
  daos: Address;
  /** The block the contracts were deployed in: where reading their events starts. */
  deployedAt: bigint;
}

export interface ChainState {
  config: Resource<AppConfig>;
  /** One read client and the contracts' addresses for the configured chain, made once per config. */
  chain: Accessor<ChainHandles | null>;
  models: Resource<ModelList>;
  refreshModels(): void;
}

export function createChainState(): ChainState {
  const [config] = createResource(async () => (await loadAppConfig()).config);
  const chain = createMemo(() => {
    const cfg = config();
    if (!cfg) return null;
    const c = cfg.deployments.contracts;
    return {
      client: createChainClient(cfg.deployments),
      joy: c.JoyToken.address,
      marketplace: c.ModelMarketplace.address,
      coordinator: c.NodeCoordinator.address,
      proofOfInference: c.ProofOfInference.address,
      tlds: c.TldRegistry.address,
      names: c.PermaNetDomainRegistry.address,
      nameModels: c.PermaNetMarketplaceAdapter.address,
      daos: c.PermaNetDAORegistry.address,
      deployedAt: BigInt(c.JoyToken.blockNumber),
    };
  });
  const [models, { refetch }] = createResource(chain, async ({ client, marketplace }): Promise<ModelList> => {
    try {
      const fresh = await listModels(client, marketplace);
      saveModels(marketplace, fresh);
      return { models: fresh, staleBecause: null };
    } catch (error) {
      const cached = loadModels(marketplace);
      if (cached === null)
        throw new PermaNetError(
          `The chain at ${config()!.deployments.rpcUrl} cannot be read: ${messageOf(error).split('\n')[0]}`,
        );
      return { models: cached, staleBecause: 'the chain cannot be reached; showing the last list seen' };
    }
  });
  return { config, chain, models, refreshModels: () => void refetch() };
}
