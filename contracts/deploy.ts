// Deploys every contract to a running chain from Hardhat's artifacts and returns the
// deployments record (the caller writes it where the app and the relay read it).
import { readFileSync } from 'node:fs';
import { createPublicClient, createWalletClient, http, type Hex, type Abi } from 'viem';
import { devAccount } from '../src/chain/dev-accounts.ts';
import { CONTRACT_NAMES, type ContractName, type Deployments } from '../src/chain/deployments.ts';

const ARTIFACT_DIRS: Record<ContractName, string> = {
  ModelMarketplace: 'marketplace/ModelMarketplace.sol',
};

function artifact(name: ContractName): { abi: Abi; bytecode: Hex } {
  const url = new URL(`../artifacts/contracts/${ARTIFACT_DIRS[name]}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

export async function deployContracts(rpcUrl: string): Promise<Deployments> {
  const account = devAccount(0);
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chainId = await publicClient.getChainId();
  const wallet = createWalletClient({ account, transport });
  const contracts = {} as Deployments['contracts'];
  for (const name of CONTRACT_NAMES) {
    const { abi, bytecode } = artifact(name);
    const hash = await wallet.deployContract({ abi, bytecode, args: [], chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.contractAddress == null) throw new Error(`deploying ${name} produced no contract address`);
    contracts[name] = { address: receipt.contractAddress, blockNumber: Number(receipt.blockNumber) };
  }
  return { chainId, rpcUrl, contracts };
}
