// The relay as a compute node: it registers on NodeCoordinator with its stake (once), keeps
// itself alive with heartbeats, and takes part in the ProofOfInference tasks that select it. A
// requester sends the task's input over the inference protocol with the task id; the runner
// checks the task names this node, this model version and this exact input, and after the model
// has run commits to the canonical output hash, reveals it once every node has committed (or the
// commit window closes), and settles the task when the last reveal is in.
import { randomBytes } from 'node:crypto';
import { createPublicClient, createWalletClient, encodeAbiParameters, http, isAddressEqual, keccak256, toHex, type Hash, type Hex, type PrivateKeyAccount, type PublicClient } from 'viem';
import { joyTokenAbi, modelMarketplaceAbi, nodeCoordinatorAbi, proofOfInferenceAbi } from '../../../src/chain/abi/generated.ts';
import { writeAndWait } from '../../../src/chain/actions/write-and-wait.ts';
import type { Deployments } from '../../../src/chain/deployments.ts';
import type { ConnectedWallet } from '../../../src/chain/wallet/dev-wallet.ts';
import { inputHash } from '../../../src/inference/input-hash.ts';
import type { Feeds } from '../../../src/inference/tensors.ts';
import type { Logger } from '../log.ts';

export interface ComputeSettings {
  /** JOY (wei) locked behind the node when it registers. */
  stake: bigint;
  region: string;
  capacityRps: number;
  heartbeatMs: number;
}

export class TaskRefusedError extends Error {
  override name = 'TaskRefusedError';
}

const BACKENDS = { cuda: 0, webgpu: 1, wasm: 2, cpu: 3 } as const;
const OPEN = 1;

export interface TaskRunnerOptions extends ComputeSettings {
  deployments: Deployments;
  account: PrivateKeyAccount;
  peerId: string;
  backend: string;
  /** Ids of the listed models whose weights this relay holds. */
  heldModels: () => Promise<bigint[]>;
  log: Logger;
}

export async function startTaskRunner(options: TaskRunnerOptions) {
  const { log, account } = options;
  const transport = http(options.deployments.rpcUrl, { timeout: 10_000 });
  const client = createPublicClient({ transport }) as PublicClient;
  const wallet = createWalletClient({ account, transport, chain: undefined }) as ConnectedWallet;
  const c = options.deployments.contracts;
  const poi = { address: c.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
  const send = (address: Hex, abi: readonly unknown[], functionName: string, args: readonly unknown[]) => writeAndWait(client, wallet, { address, abi: abi as never, functionName, args });

  // Registration, once: stake what is missing, then register with the models held now.
  const node = await client.readContract({ address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi, functionName: 'getNode', args: [account.address] });
  if (node.registeredAt === 0n) {
    const stake = await client.readContract({ address: c.JoyToken.address, abi: joyTokenAbi, functionName: 'stakeOf', args: [account.address] });
    const unlocked = stake.staked - stake.locked;
    if (unlocked < options.stake) await send(c.JoyToken.address, joyTokenAbi, 'stake', [options.stake - unlocked]);
    const models = await options.heldModels();
    await send(c.NodeCoordinator.address, nodeCoordinatorAbi, 'register', [BACKENDS[options.backend as keyof typeof BACKENDS] ?? BACKENDS.cpu, options.capacityRps, options.region, options.peerId, options.stake, models]);
    log.info('compute.registered', { account: account.address, stake: options.stake.toString(), models: models.length });
  }
  const heartbeat = setInterval(() => {
    send(c.NodeCoordinator.address, nodeCoordinatorAbi, 'heartbeat', []).catch((error) => log.warn('compute.heartbeat_failed', { error: error as Error }));
  }, options.heartbeatMs);

  const taskOf = (taskId: bigint) => client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });

  /** Refuses, before the model runs, a task that does not select this node for this input. */
  const check = async (taskId: bigint, cid: string, inputs: Feeds) => {
    const task = await taskOf(taskId).catch(() => {
      throw new TaskRefusedError(`there is no task ${taskId}`);
    });
    if (task.status !== OPEN) throw new TaskRefusedError(`task ${taskId} is not open`);
    const assigned = await client.readContract({ ...poi, functionName: 'assignedNodes', args: [taskId] });
    if (!assigned.some((a) => isAddressEqual(a, account.address))) throw new TaskRefusedError(`task ${taskId} did not select this node`);
    const version = await client.readContract({ address: c.ModelMarketplace.address, abi: modelMarketplaceAbi, functionName: 'getVersion', args: [task.modelId, task.version] });
    if (version.weightsCid !== cid) throw new TaskRefusedError(`task ${taskId} names the weights ${version.weightsCid}, not ${cid}`);
    if (inputHash(inputs) !== task.inputHash) throw new TaskRefusedError(`the input is not the one task ${taskId} committed to`);
  };

  /** Reveals once every node has committed or the window closed; settles when the reveals are in. */
  const finish = async (taskId: bigint, outputHash: Hex, salt: Hex) => {
    for (;;) {
      const task = await taskOf(taskId);
      if (task.status !== OPEN) return;
      const now = BigInt(Math.floor(Date.now() / 1000));
      const block = await client.getBlock();
      if (task.commits >= task.k || block.timestamp > task.commitDeadline || now > task.commitDeadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await send(poi.address, proofOfInferenceAbi, 'reveal', [taskId, outputHash, salt]);
    const task = await taskOf(taskId);
    if (task.status === OPEN && task.reveals >= task.k) await send(poi.address, proofOfInferenceAbi, 'settle', [taskId]).catch(() => {}); // another node may settle first
    log.info('compute.revealed', { task: taskId.toString() });
  };

  /** Commits to `outputHash` for the task and finishes it in the background; returns the commit's hash. */
  const commit = async (taskId: bigint, outputHash: Hex): Promise<Hash> => {
    const salt = toHex(randomBytes(32));
    const commitment = keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }], [taskId, account.address, outputHash, salt]));
    const { hash } = await send(poi.address, proofOfInferenceAbi, 'commit', [taskId, commitment]);
    log.info('compute.committed', { task: taskId.toString() });
    finish(taskId, outputHash, salt).catch((error) => log.warn('compute.reveal_failed', { task: taskId.toString(), error: error as Error }));
    return hash;
  };

  return {
    check,
    commit,
    stop: () => clearInterval(heartbeat),
  };
}

export type TaskRunner = Awaited<ReturnType<typeof startTaskRunner>>;
