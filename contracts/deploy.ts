// The one deployment of PermaNet's contracts, with their roles wired: `npm start`, the benchmark,
// the relay tests and every contract test deploy through `deployPermaNet` (tests on Hardhat's
// in-process chain pass their own parameters). `deployContracts` is what a running chain gets:
// the deployments record the app and the relay read, and on the dev chain JOY for the first dev
// accounts, so a newcomer can stake and pay at once.
import { readFileSync } from 'node:fs';
import {
  createPublicClient,
  createWalletClient,
  http,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { joyTokenAbi, nodeCoordinatorAbi } from '@permanet/core/chain/abi/generated';
import { DEV_CHAIN_ID, devAccount } from '@permanet/core/chain/dev-accounts';
import type { ContractName, Deployments } from '@permanet/core/chain/deployments';

/** What the contracts are deployed with; `deployPermaNet` takes these unless told otherwise. */
export interface DeployParameters {
  /** The whole JOY supply, minted to the deployer. */
  joySupply: bigint;
  /** Unstaking cooldown in seconds. */
  joyCooldown: bigint;
  /** Receives the platform's share of marketplace revenue (default: the deployer). */
  treasury?: Address;
  /** The platform's share, in basis points. */
  platformFeeBps: number;
  /** Registrations one account may make per window, and the window in seconds. */
  registrationsPerWindow: number;
  registrationWindow: bigint;
  /** The least stake a node locks, and how long a heartbeat keeps it selectable. */
  minStake: bigint;
  heartbeatTtl: bigint;
  /** A task's commit and reveal windows, what a faulty node loses, tasks per requester per window. */
  commitWindow: bigint;
  revealWindow: bigint;
  slash: bigint;
  tasksPerWindow: number;
  taskWindow: bigint;
}

/** A real chain's parameters: a week's cooldown, ten-minute heartbeats. */
export const PRODUCTION: DeployParameters = {
  joySupply: parseEther('1000000000'),
  joyCooldown: 7n * 24n * 3600n,
  platformFeeBps: 250,
  registrationsPerWindow: 20,
  registrationWindow: 3600n,
  minStake: parseEther('100'),
  heartbeatTtl: 600n,
  commitWindow: 60n,
  revealWindow: 60n,
  slash: parseEther('50'),
  tasksPerWindow: 120,
  taskWindow: 3600n,
};
/** The dev chain's: a ten-minute cooldown and two-minute heartbeats, so a person can try both. */
export const DEV: DeployParameters = { ...PRODUCTION, joyCooldown: 600n, heartbeatTtl: 120n };
/** What each of the dev accounts 1–4 receives on the dev chain. */
export const DEV_ACCOUNT_JOY = parseEther('10000');

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

function artifact(path: string, name: ContractName): { abi: Abi; bytecode: Hex } {
  const url = new URL(`../artifacts/contracts/${path}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** Deploys every contract with the wallet's account as admin, and grants the roles they need. */
export async function deployPermaNet(
  wallet: Wallet,
  client: PublicClient,
  parameters: DeployParameters,
): Promise<Deployments['contracts']> {
  const admin = wallet.account.address;
  const p = parameters;
  const deploy = async (path: string, name: ContractName, args: readonly unknown[]) => {
    const { abi, bytecode } = artifact(path, name);
    const hash = await wallet.deployContract({ abi, bytecode, args, chain: wallet.chain });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.contractAddress == null) throw new Error(`deploying ${name} produced no contract address`);
    return { address: receipt.contractAddress as Address, blockNumber: Number(receipt.blockNumber) };
  };
  const write = async (address: Address, abi: Abi, functionName: string, args: readonly unknown[]) => {
    const hash = await wallet.writeContract({ address, abi, functionName, args, chain: wallet.chain });
    await client.waitForTransactionReceipt({ hash });
  };

  const JoyToken = await deploy('token/JoyToken.sol', 'JoyToken', [admin, p.joySupply, p.joyCooldown, admin]);
  const ModelMarketplace = await deploy('marketplace/ModelMarketplace.sol', 'ModelMarketplace', [
    JoyToken.address,
    admin,
    p.treasury ?? admin,
    p.platformFeeBps,
    p.registrationsPerWindow,
    p.registrationWindow,
  ]);
  const NodeCoordinator = await deploy('compute/NodeCoordinator.sol', 'NodeCoordinator', [
    JoyToken.address,
    admin,
    p.minStake,
    p.heartbeatTtl,
  ]);
  const ProofOfInference = await deploy('compute/ProofOfInference.sol', 'ProofOfInference', [
    JoyToken.address,
    ModelMarketplace.address,
    NodeCoordinator.address,
    admin,
    p.commitWindow,
    p.revealWindow,
    p.slash,
    p.tasksPerWindow,
    p.taskWindow,
  ]);
  // The coordinator locks and slashes stake; the task contract drives the coordinator.
  const role = (name: string) => keccak256(toHex(name));
  await write(JoyToken.address, joyTokenAbi, 'grantRole', [role('STAKE_MANAGER_ROLE'), NodeCoordinator.address]);
  await write(NodeCoordinator.address, nodeCoordinatorAbi, 'grantRole', [
    role('TASK_MANAGER_ROLE'),
    ProofOfInference.address,
  ]);
  return { JoyToken, ModelMarketplace, NodeCoordinator, ProofOfInference };
}

/** Deploys to the chain at `rpcUrl` as dev account 0 and returns the deployments record. */
export async function deployContracts(rpcUrl: string): Promise<Deployments> {
  const transport = http(rpcUrl);
  const client = createPublicClient({ transport });
  const chainId = await client.getChainId();
  const dev = chainId === DEV_CHAIN_ID;
  const wallet = createWalletClient({ account: devAccount(0), transport });
  const contracts = await deployPermaNet(wallet, client, dev ? DEV : PRODUCTION);
  if (dev) {
    for (let index = 1; index <= 4; index++) {
      const hash = await wallet.writeContract({
        address: contracts.JoyToken.address,
        abi: joyTokenAbi,
        functionName: 'transfer',
        args: [devAccount(index).address, DEV_ACCOUNT_JOY],
        chain: null,
      });
      await client.waitForTransactionReceipt({ hash });
    }
  }
  return { chainId, rpcUrl, contracts };
}
