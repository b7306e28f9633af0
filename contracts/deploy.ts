// The one deployment of PermaNet's contracts, with their roles wired: `npm start`, the benchmark,
// the relay tests and every contract test deploy through `deployPermaNet` (tests on Hardhat's
// in-process chain pass their own parameters). `deployContracts` is what a running chain gets:
// the deployments record the app and the relay read. On the dev chain the first dev account
// deploys and JOY goes to the next four, so a newcomer can stake and pay at once; on any other
// chain the deployer, the admin and the treasury come from the environment, the public dev keys
// are refused, and every role passes to the admin.
import { readFileSync } from 'node:fs';
import {
  createPublicClient,
  createWalletClient,
  getContractAddress,
  http,
  isAddress,
  isHex,
  keccak256,
  namehash,
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
  zeroAddress,
} from 'viem';
import {
  joyTokenAbi,
  nodeCoordinatorAbi,
  permaNetDAORegistryAbi,
  tldRegistryAbi,
} from '@permanet/core/chain/abi/generated';
import { DEV_CHAIN_ID, devAccount } from '@permanet/core/chain/dev-accounts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployments } from '@permanet/core/chain/deployments';

/** What the contracts are deployed with; `deployPermaNet` takes these unless told otherwise. */
export interface DeployParameters {
  /** The whole JOY supply, minted to the deployer. */
  joySupply: bigint;
  /** Unstaking cooldown in seconds. */
  joyCooldown: bigint;
  /** Receives the platform's share of marketplace revenue (default: the deployer). */
  treasury?: Address;
  /** Receives the JOY supply (default: the deployer). */
  supplyHolder?: Address;
  /** Holds every admin and guardian role once deployed (default: the deployer keeps them). */
  admin?: Address;
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
  /** How long a name's commitment must wait before its reveal, and how long it stays good (seconds). */
  minCommitmentAge: bigint;
  maxCommitmentAge: bigint;
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
  minCommitmentAge: 60n,
  maxCommitmentAge: 24n * 3600n,
};
/** The dev chain's: a ten-minute cooldown, two-minute heartbeats and a ten-second wait before a
 * name's reveal, so a person can try each. */
export const DEV: DeployParameters = { ...PRODUCTION, joyCooldown: 600n, heartbeatTtl: 120n, minCommitmentAge: 10n };
/** The TLD the dev chain starts with, held by the deployer (dev account 0): names cost 500, 200, 50
 * and 20 JOY a year for 1 to 4 bytes and 5 JOY from 5, for 1 to 10 years, with 30 days of grace. */
export const DEV_TLD = {
  label: 'ai',
  policy: {
    yearlyPrice: [parseEther('500'), parseEther('200'), parseEther('50'), parseEther('20'), parseEther('5')],
    minYears: 1,
    maxYears: 10,
    gracePeriod: 30n * 24n * 3600n,
    needsApproval: false,
    modelLinks: true,
  },
} as const;
/** The DAO TLD the dev chain starts with: registrations wait for its stakers' vote, which lasts two
 * minutes, needs 10% of the staked JOY, and applies ten seconds after it passes. */
export const DEV_DAO_TLD = { label: 'dao', policy: { ...DEV_TLD.policy, needsApproval: true } } as const;
export const DEV_DAO_SETTINGS: DaoSettings = {
  votingDelay: 1,
  votingPeriod: 120,
  proposalThreshold: 0n,
  quorumPercent: 10,
  timelockDelay: 10n,
};
/** What each of the dev accounts 1–4 receives on the dev chain. */
export const DEV_ACCOUNT_JOY = parseEther('10000');

type Wallet = WalletClient<Transport, Chain | undefined, Account>;

function artifact(path: string, name: string): { abi: Abi; bytecode: Hex } {
  const url = new URL(`../artifacts/contracts/${path}/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}

/** Deploys and calls as `wallet`, each transaction waited for. */
function sender(wallet: Wallet, client: PublicClient) {
  return {
    async deploy(path: string, name: string, args: readonly unknown[]) {
      const { abi, bytecode } = artifact(path, name);
      const hash = await wallet.deployContract({ abi, bytecode, args, chain: wallet.chain });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.contractAddress == null) throw new Error(`deploying ${name} produced no contract address`);
      return { address: receipt.contractAddress as Address, blockNumber: Number(receipt.blockNumber) };
    },
    async write(address: Address, abi: Abi, functionName: string, args: readonly unknown[]) {
      const hash = await wallet.writeContract({ address, abi, functionName, args, chain: wallet.chain });
      await client.waitForTransactionReceipt({ hash });
    },
  };
}

/** Deploys every contract with the wallet's account as admin, and grants the roles they need. */
export async function deployPermaNet(
  wallet: Wallet,
  client: PublicClient,
  parameters: DeployParameters,
): Promise<Deployments['contracts']> {
  const admin = wallet.account.address;
  const p = parameters;
  const { deploy, write } = sender(wallet, client);

  const JoyToken = await deploy('token/JoyToken.sol', 'JoyToken', [
    p.supplyHolder ?? admin,
    p.joySupply,
    p.joyCooldown,
    admin,
  ]);
  const VerifierFactory = await deploy('proving/VerifierFactory.sol', 'VerifierFactory', []);
  const ModelMarketplace = await deploy('marketplace/ModelMarketplace.sol', 'ModelMarketplace', [
    JoyToken.address,
    VerifierFactory.address,
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
  const TldRegistry = await deploy('names/TldRegistry.sol', 'TldRegistry', [admin, p.treasury ?? admin]);
  // The registry names the marketplace adapter, deployed next: its address follows from the nonce.
  const nonce = await client.getTransactionCount({ address: admin, blockTag: 'pending' });
  const adapter = getContractAddress({ from: admin, nonce: BigInt(nonce + 1) });
  const PermaNetDomainRegistry = await deploy('names/PermaNetDomainRegistry.sol', 'PermaNetDomainRegistry', [
    TldRegistry.address,
    JoyToken.address,
    adapter,
    ModelMarketplace.address,
    p.minCommitmentAge,
    p.maxCommitmentAge,
  ]);
  const PermaNetMarketplaceAdapter = await deploy(
    'names/PermaNetMarketplaceAdapter.sol',
    'PermaNetMarketplaceAdapter',
    [PermaNetDomainRegistry.address, TldRegistry.address, ModelMarketplace.address],
  );
  if (PermaNetMarketplaceAdapter.address.toLowerCase() !== adapter.toLowerCase())
    throw new PermaNetError(`the marketplace adapter landed at ${PermaNetMarketplaceAdapter.address}, not ${adapter}`);
  const PermaNetDAORegistry = await deploy('names/dao/PermaNetDAORegistry.sol', 'PermaNetDAORegistry', [
    TldRegistry.address,
    JoyToken.address,
    admin,
  ]);
  await write(JoyToken.address, joyTokenAbi, 'grantRole', [role('STAKE_MANAGER_ROLE'), NodeCoordinator.address]);
  await write(NodeCoordinator.address, nodeCoordinatorAbi, 'grantRole', [
    role('TASK_MANAGER_ROLE'),
    ProofOfInference.address,
  ]);
  // The deployer wired the roles; the configured admin takes them over and the deployer keeps none.
  if (p.admin !== undefined && p.admin.toLowerCase() !== admin.toLowerCase()) {
    const guarded = [ModelMarketplace, NodeCoordinator, ProofOfInference];
    for (const contract of [JoyToken, TldRegistry, PermaNetDAORegistry, ...guarded])
      await write(contract.address, joyTokenAbi, 'grantRole', [DEFAULT_ADMIN_ROLE, p.admin]);
    for (const contract of guarded) {
      await write(contract.address, joyTokenAbi, 'grantRole', [role('GUARDIAN_ROLE'), p.admin]);
      await write(contract.address, joyTokenAbi, 'renounceRole', [role('GUARDIAN_ROLE'), admin]);
    }
    for (const [contract, name] of [
      [TldRegistry, 'TLD_CREATOR_ROLE'],
      [PermaNetDAORegistry, 'DAO_CREATOR_ROLE'],
    ] as const) {
      await write(contract.address, joyTokenAbi, 'grantRole', [role(name), p.admin]);
      await write(contract.address, joyTokenAbi, 'renounceRole', [role(name), admin]);
    }
    for (const contract of [JoyToken, TldRegistry, PermaNetDAORegistry, ...guarded])
      await write(contract.address, joyTokenAbi, 'renounceRole', [DEFAULT_ADMIN_ROLE, admin]);
  }
  return {
    JoyToken,
    VerifierFactory,
    ModelMarketplace,
    NodeCoordinator,
    ProofOfInference,
    TldRegistry,
    PermaNetDomainRegistry,
    PermaNetMarketplaceAdapter,
    PermaNetDAORegistry,
  };
}

const role = (name: string) => keccak256(toHex(name));

/** A TLD DAO's settings: voting delay and period and the timelock's delay in seconds, quorum in percent. */
export interface DaoSettings {
  votingDelay: number;
  votingPeriod: number;
  proposalThreshold: bigint;
  quorumPercent: number;
  timelockDelay: bigint;
}

/**
 * Creates a TLD governed by a DAO of JOY stakers: its staked votes, a timelock that owns the TLD and
 * holds its treasury (anyone may execute what it scheduled; no admin but itself), and a governor that
 * alone proposes to it; then records the DAO. `wallet` must hold TLD_CREATOR_ROLE and DAO_CREATOR_ROLE.
 */
export async function deployTldDao(
  wallet: Wallet,
  client: PublicClient,
  contracts: Deployments['contracts'],
  tld: { label: string; platformBps: number; policy: unknown },
  settings: DaoSettings,
) {
  const { deploy, write } = sender(wallet, client);
  const deployer = wallet.account.address;
  const votes = await deploy('names/dao/TldVotes.sol', 'TldVotes', [
    contracts.JoyToken.address,
    `Staked JOY of .${tld.label}`,
    `sJOY-${tld.label}`,
  ]);
  const timelock = await deploy('names/dao/TldTimelock.sol', 'TldTimelock', [
    settings.timelockDelay,
    [],
    [zeroAddress],
    deployer,
  ]);
  const governor = await deploy('names/dao/TldGovernor.sol', 'TldGovernor', [
    `.${tld.label} DAO`,
    votes.address,
    timelock.address,
    settings.votingDelay,
    settings.votingPeriod,
    settings.proposalThreshold,
    settings.quorumPercent,
  ]);
  for (const name of ['PROPOSER_ROLE', 'CANCELLER_ROLE'])
    await write(timelock.address, joyTokenAbi, 'grantRole', [role(name), governor.address]);
  await write(timelock.address, joyTokenAbi, 'renounceRole', [DEFAULT_ADMIN_ROLE, deployer]);
  await write(contracts.TldRegistry.address, tldRegistryAbi, 'createTld', [
    tld.label,
    timelock.address,
    timelock.address,
    tld.platformBps,
    tld.policy,
  ]);
  await write(contracts.PermaNetDAORegistry.address, permaNetDAORegistryAbi, 'registerDao', [
    namehash(tld.label),
    { governor: governor.address, timelock: timelock.address, votes: votes.address },
  ]);
  return { governor: governor.address, timelock: timelock.address, votes: votes.address };
}

const DEFAULT_ADMIN_ROLE = `0x${'00'.repeat(32)}` as const;
/** How many of the public mnemonic's accounts are refused as a deployer, admin or treasury. */
const DEV_ACCOUNTS_CHECKED = 20;

/** Who deploys and who holds the roles and the treasury on a chain other than the dev chain. */
export interface PublicChainAccounts {
  deployer: Account;
  admin: Address;
  treasury: Address;
}

/**
 * Reads PERMANET_DEPLOYER_KEY, PERMANET_ADMIN and PERMANET_TREASURY, refusing what is missing or
 * malformed and the public dev keys and accounts (anyone can sign with them).
 */
export function publicChainAccounts(env: Record<string, string | undefined>): PublicChainAccounts {
  const missing = ['PERMANET_DEPLOYER_KEY', 'PERMANET_ADMIN', 'PERMANET_TREASURY'].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new PermaNetError(`a deployment to a chain other than the dev chain needs ${missing.join(', ')}`);
  const key = env.PERMANET_DEPLOYER_KEY!;
  if (!isHex(key) || key.length !== 66) throw new PermaNetError('PERMANET_DEPLOYER_KEY is not a private key (0x…)');
  for (const name of ['PERMANET_ADMIN', 'PERMANET_TREASURY'])
    if (!isAddress(env[name]!)) throw new PermaNetError(`${name} is not an address: ${env[name]}`);
  const deployer = privateKeyToAccount(key);
  const admin = env.PERMANET_ADMIN as Address;
  const treasury = env.PERMANET_TREASURY as Address;
  const publicAccounts = new Set(
    Array.from({ length: DEV_ACCOUNTS_CHECKED }, (_, i) => devAccount(i).address.toLowerCase()),
  );
  for (const [what, address] of [
    ['the deployer key', deployer.address],
    ['PERMANET_ADMIN', admin],
    ['PERMANET_TREASURY', treasury],
  ])
    if (publicAccounts.has(address.toLowerCase()))
      throw new PermaNetError(`${what} is one of the public dev accounts (${address}): anyone can sign for it`);
  return { deployer, admin, treasury };
}

/** Deploys to the chain at `rpcUrl` and returns the deployments record (see the top of this file). */
export async function deployContracts(
  rpcUrl: string,
  env: Record<string, string | undefined> = process.env,
): Promise<Deployments> {
  const transport = http(rpcUrl);
  const client = createPublicClient({ transport });
  const chainId = await client.getChainId();
  const dev = chainId === DEV_CHAIN_ID;
  const accounts = dev ? null : publicChainAccounts(env);
  const wallet = createWalletClient({ account: accounts?.deployer ?? devAccount(0), transport });
  const contracts = await deployPermaNet(
    wallet,
    client,
    accounts
      ? { ...PRODUCTION, admin: accounts.admin, treasury: accounts.treasury, supplyHolder: accounts.treasury }
      : DEV,
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
      await client.waitForTransactionReceipt({ hash });
    }
    const hash = await wallet.writeContract({
      address: contracts.TldRegistry.address,
      abi: tldRegistryAbi,
      functionName: 'createTld',
      args: [DEV_TLD.label, wallet.account.address, wallet.account.address, DEV.platformFeeBps, DEV_TLD.policy],
      chain: null,
    });
    await client.waitForTransactionReceipt({ hash });
    await deployTldDao(
      wallet,
      client,
      contracts,
      { ...DEV_DAO_TLD, platformBps: DEV.platformFeeBps },
      DEV_DAO_SETTINGS,
    );
  }
  return { chainId, rpcUrl, contracts };
}
