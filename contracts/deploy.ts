// Deploys every contract to a running chain from Hardhat's artifacts and returns the
// deployments record (the caller writes it where the app and the relay read it). On the dev
// chain the first dev accounts get JOY, so a newcomer can stake and pay at once.
import { readFileSync } from 'node:fs';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from 'viem';
import { joyTokenAbi, nodeCoordinatorAbi } from '@permanet/core/chain/abi/generated';
import { DEV_CHAIN_ID, devAccount } from '@permanet/core/chain/dev-accounts';
import type { ContractName, Deployments } from '@permanet/core/chain/deployments';

/** The whole JOY supply, minted at deployment. */
export const JOY_SUPPLY = parseEther('1000000000');
/** Unstaking cooldown: a week on a real chain, ten minutes on the dev chain. */
export const JOY_COOLDOWN = { production: 7 * 24 * 3600, dev: 600 };
/** The platform's share of marketplace revenue, in basis points. */
export const PLATFORM_FEE_BPS = 250;
/** Registrations one account may make per hour. */
export const REGISTRATIONS_PER_HOUR = 20;
/** The compute network: the least stake a node locks, how long a heartbeat keeps it selectable,
 * the commit and reveal windows of a task, what a faulty node loses, tasks per requester per hour. */
export const COMPUTE = {
  minStake: parseEther('100'),
  heartbeatTtl: { production: 600, dev: 120 },
  commitWindow: 60,
  revealWindow: 60,
  slash: parseEther('50'),
  tasksPerHour: 120,
};
/** What each of the dev accounts 1–4 receives on the dev chain. */
export const DEV_ACCOUNT_JOY = parseEther('10000');

function artifact(path: string, name: ContractName): { abi: Abi; bytecode: Hex } {
  const url = new URL(`../artifacts/contracts/${path}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

export async function deployContracts(rpcUrl: string): Promise<Deployments> {
  const account = devAccount(0);
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chainId = await publicClient.getChainId();
  const dev = chainId === DEV_CHAIN_ID;
  const wallet = createWalletClient({ account, transport });

  const deploy = async (path: string, name: ContractName, args: readonly unknown[]) => {
    const { abi, bytecode } = artifact(path, name);
    const hash = await wallet.deployContract({ abi, bytecode, args, chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.contractAddress == null) throw new Error(`deploying ${name} produced no contract address`);
    return { address: receipt.contractAddress as Address, blockNumber: Number(receipt.blockNumber) };
  };

  const contracts = {
    JoyToken: await deploy('token/JoyToken.sol', 'JoyToken', [
      account.address,
      JOY_SUPPLY,
      dev ? JOY_COOLDOWN.dev : JOY_COOLDOWN.production,
      account.address,
    ]),
  } as Deployments['contracts'];
  contracts.ModelMarketplace = await deploy('marketplace/ModelMarketplace.sol', 'ModelMarketplace', [
    contracts.JoyToken.address,
    account.address,
    account.address,
    PLATFORM_FEE_BPS,
    REGISTRATIONS_PER_HOUR,
    3600,
  ]);

  contracts.NodeCoordinator = await deploy('compute/NodeCoordinator.sol', 'NodeCoordinator', [
    contracts.JoyToken.address,
    account.address,
    COMPUTE.minStake,
    dev ? COMPUTE.heartbeatTtl.dev : COMPUTE.heartbeatTtl.production,
  ]);
  contracts.ProofOfInference = await deploy('compute/ProofOfInference.sol', 'ProofOfInference', [
    contracts.JoyToken.address,
    contracts.ModelMarketplace.address,
    contracts.NodeCoordinator.address,
    account.address,
    COMPUTE.commitWindow,
    COMPUTE.revealWindow,
    COMPUTE.slash,
    COMPUTE.tasksPerHour,
    3600,
  ]);
  // The coordinator locks and slashes stake; the task contract drives the coordinator.
  const grant = async (address: Address, abi: Abi, role: string, to: Address) => {
    const hash = await wallet.writeContract({
      address,
      abi,
      functionName: 'grantRole',
      args: [keccak256(toHex(role)), to],
      chain: null,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  };
  await grant(contracts.JoyToken.address, joyTokenAbi as Abi, 'STAKE_MANAGER_ROLE', contracts.NodeCoordinator.address);
  await grant(
    contracts.NodeCoordinator.address,
    nodeCoordinatorAbi as Abi,
    'TASK_MANAGER_ROLE',
    contracts.ProofOfInference.address,
  );

  if (dev) {
    for (let index = 1; index <= 4; index++) {
      const hash = await wallet.writeContract({
        address: contracts.JoyToken.address,
        abi: joyTokenAbi,
        functionName: 'transfer',
        args: [devAccount(index).address, DEV_ACCOUNT_JOY],
        chain: null,
      });
      await publicClient.waitForTransactionReceipt({ hash });
    }
  }
  return { chainId, rpcUrl, contracts };
}
