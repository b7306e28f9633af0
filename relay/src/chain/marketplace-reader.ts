// What the relay asks the chain: whether a registration names a CID, and whether an account
// publishes models. Read from the deployments file the deploy step wrote.
import { readFile } from 'node:fs/promises';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { modelMarketplaceAbi } from '../../../src/chain/abi/generated.ts';
import { parseDeployments } from '../../../src/chain/deployments.ts';
import { ConfigError, FieldReader } from '../../../src/config/fields.ts';

export interface MarketplaceReader {
  isRegisteredCid(cid: string): Promise<boolean>;
  isPublisher(account: Address): Promise<boolean>;
}

export async function marketplaceReader(deploymentsFile: string): Promise<MarketplaceReader> {
  let text: string;
  try {
    text = await readFile(deploymentsFile, 'utf8');
  } catch (error) {
    throw new ConfigError('chain.deployments', [`cannot read ${deploymentsFile} (${(error as NodeJS.ErrnoException).code}): start the chain and deploy first (npm start does), or pass --deployments`]);
  }
  const deployments = parseDeployments(new FieldReader(deploymentsFile).json(text), deploymentsFile);
  const client = createPublicClient({ transport: http(deployments.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
  const address = deployments.contracts.ModelMarketplace.address;
  return {
    isRegisteredCid: (cid) => client.readContract({ address, abi: modelMarketplaceAbi, functionName: 'isRegisteredCid', args: [cid] }),
    isPublisher: (account) => client.readContract({ address, abi: modelMarketplaceAbi, functionName: 'isPublisher', args: [account] }),
  };
}
