// The deployments file: which chain, where its JSON-RPC is, and where each contract lives. The
// deploy step writes it; the app and the relay read it (never hard-coded addresses).
import { isAddress, type Address } from 'viem';
import { FieldReader } from '../config/fields.ts';

export const CONTRACT_NAMES = [
  'JoyToken',
  'VerifierFactory',
  'ModelMarketplace',
  'NodeCoordinator',
  'ProofOfInference',
  'TldRegistry',
  'PermaNetDomainRegistry',
  'PermaNetMarketplaceAdapter',
  'PermaNetDAORegistry',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface Deployments {
  chainId: number;
  rpcUrl: string;
  contracts: Record<ContractName, { address: Address; blockNumber: number }>;
}

export function parseDeployments(document: unknown, source = 'deployments.json'): Deployments {
  const read = new FieldReader(source);
  const top = read.object(document, '(top level)');
  const contracts = read.object(top.contracts, 'contracts');
  const parsed = {} as Deployments['contracts'];
  for (const name of CONTRACT_NAMES) {
    const entry = read.object(contracts[name], `contracts.${name}`);
    const address = read.string(entry.address, `contracts.${name}.address`);
    if (address !== '' && !isAddress(address)) read.fail(`contracts.${name}.address`, `is not an address: ${address}`);
    parsed[name] = {
      address: address as Address,
      blockNumber: read.integer(entry.blockNumber, `contracts.${name}.blockNumber`, {
        min: 0,
        max: Number.MAX_SAFE_INTEGER,
      }),
    };
  }
  const deployments = {
    chainId: read.integer(top.chainId, 'chainId', { min: 1, max: 2 ** 32 }),
    rpcUrl: read.string(top.rpcUrl, 'rpcUrl'),
    contracts: parsed,
  };
  read.done();
  return deployments;
}
