// A compute node's part in the network, shared by the relay and a contributing tab: it registers
// on NodeCoordinator with its stake (once), keeps itself alive with heartbeats, watches the chain
// for the ProofOfInference tasks assigned to it (to load their model early), and takes part in
// them. A requester sends the task's input over the inference protocol with the task id; the node
// checks the task names it, this model version and this exact input, and after the model has run
// commits to the canonical output hash, reveals it once every node has committed (or the commit
// window closed), and settles the task when the last reveal is in. An input that has not come
// by half the commit window is declared missing on-chain, so a requester that withholds it costs
// the node nothing. The secret behind each commit is stored before the commit is sent, so a node
// that restarts still reveals.
import {
  encodeAbiParameters,
  isAddressEqual,
  keccak256,
  toHex,
  type Abi,
  type Address,
  type Hash,
  type Hex,
  type PublicClient,
} from 'viem';
import { joyTokenAbi, modelMarketplaceAbi, nodeCoordinatorAbi, proofOfInferenceAbi } from '../chain/abi/generated.ts';
import { TASK_STATUSES } from '../chain/actions/compute/read-task.ts';
import { writeAndWait } from '../chain/actions/write-and-wait.ts';
import type { Deployments } from '../chain/deployments.ts';
import type { ConnectedWallet } from '../chain/dev-wallet.ts';
import { inputHash } from '../inference/input-hash.ts';
import type { Feeds } from '../inference/tensors.ts';
import type { CommitSecrets } from './commit-secrets.ts';
import { nodeBackendOf } from './node-backends.ts';
import { PermaNetError, asError } from '../errors/permanet-error.ts';

export interface NodeProfile {
  /** JOY (wei) locked behind the node when it registers. */
  stake: bigint;
  /** A geohash prefix. */
  region: string;
  capacityRps: number;
  /** The execution backend's name (cuda, webgpu, wasm, cpu). */
  backend: string;
  /** The libp2p peer id requesters reach it at. */
  peerId: string;
}

export class TaskRefusedError extends PermaNetError {
  override name = 'TaskRefusedError';
}

/** What a node reports as it works: registration, commits, reveals, failures. */
export type TaskEvent =
  | { type: 'registered'; account: Address; models: number }
  | { type: 'models'; added: number; removed: number }
  | { type: 'selected'; task: bigint; weightsCid: string }
  | { type: 'committed'; task: bigint; hash: Hash }
  | { type: 'no-input'; task: bigint; hash: Hash }
  | { type: 'revealed'; task: bigint; hash: Hash }
  | { type: 'settled'; task: bigint; hash: Hash }
  | { type: 'failed'; what: 'heartbeat' | 'reveal' | 'no-input'; task?: bigint; error: Error };

export interface TaskParticipantOptions extends NodeProfile {
  client: PublicClient;
  wallet: ConnectedWallet;
  deployments: Deployments;
  heartbeatMs: number;
  /** Ids of the listed models whose weights this node holds. */
  heldModels: () => Promise<bigint[]>;
  secrets: CommitSecrets;
  onEvent?: (event: TaskEvent) => void;
  /** How often a waiting reveal looks at the chain again. */
  pollMs?: number;
  /** Called when a new task selects this node, with its model's weights (to load them before the input comes). */
  onSelected?: (weightsCid: string) => void;
}

const OPEN = TASK_STATUSES.indexOf('open');

export async function joinComputeNetwork(options: TaskParticipantOptions) {
  const { client, wallet, secrets } = options;
  const account = wallet.account.address;
  const emit = options.onEvent ?? (() => {});
  const pollMs = options.pollMs ?? 500;
  const c = options.deployments.contracts;
  const poi = { address: c.ProofOfInference.address, abi: proofOfInferenceAbi } as const;
  // One transaction at a time: the account's nonces come from the chain, and two sends at once
  // (a heartbeat during a commit) would take the same one.
  let queue: Promise<unknown> = Promise.resolve();
  const send = (address: Hex, abi: Abi, functionName: string, args: readonly unknown[]) => {
    const next = queue.then(() => writeAndWait(client, wallet, { address, abi, functionName, args }));
    queue = next.catch(() => {});
    return next;
  };
  let stopped = false;

  // Registration, once: stake what is missing, then register with the models held now.
  const coordinator = { address: c.NodeCoordinator.address, abi: nodeCoordinatorAbi } as const;
  const node = await client.readContract({ ...coordinator, functionName: 'getNode', args: [account] });
  const heldAtStart = await options.heldModels();
  let declared = new Set<bigint>();

  /** Declares models fetched or dropped since the last look, so selection matches what the node can run. */
  const syncModels = async (heldNow: bigint[]) => {
    const held = new Set(heldNow);
    const added = [...held].filter((id) => !declared.has(id));
    const removed = [...declared].filter((id) => !held.has(id));
    if (added.length === 0 && removed.length === 0) return;
    await send(coordinator.address, nodeCoordinatorAbi, 'setModels', [added, removed]);
    declared = held;
    emit({ type: 'models', added: added.length, removed: removed.length });
  };

  if (node.registeredAt === 0n) {
    const stake = await client.readContract({
      address: c.JoyToken.address,
      abi: joyTokenAbi,
      functionName: 'stakeOf',
      args: [account],
    });
    const unlocked = stake.staked - stake.locked;
    if (unlocked < options.stake) await send(c.JoyToken.address, joyTokenAbi, 'stake', [options.stake - unlocked]);
    await send(coordinator.address, nodeCoordinatorAbi, 'register', [
      nodeBackendOf(options.backend),
      options.capacityRps,
      options.region,
      options.peerId,
      options.stake,
      heldAtStart,
    ]);
    declared = new Set(heldAtStart);
    emit({ type: 'registered', account, models: heldAtStart.length });
  } else {
    if (node.peerId !== options.peerId) {
      // The same account on a new key (a tab's identity is per browser): requesters must find this one.
      await send(coordinator.address, nodeCoordinatorAbi, 'update', [
        options.capacityRps,
        options.region,
        options.peerId,
      ]);
    }
    for (const id of heldAtStart)
      if (await client.readContract({ ...coordinator, functionName: 'holds', args: [account, id] })) declared.add(id);
    await syncModels(heldAtStart);
  }

  const beat = async () => {
    await send(coordinator.address, nodeCoordinatorAbi, 'heartbeat', []);
    await syncModels(await options.heldModels());
  };
  const heartbeat = setInterval(
    () => void beat().catch((error) => emit({ type: 'failed', what: 'heartbeat', error: asError(error) })),
    options.heartbeatMs,
  );

  const taskOf = (taskId: bigint) => client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });

  /** Refuses, before the model runs, a task that does not select this node for this input. */
  const check = async (taskId: bigint, cid: string, inputs: Feeds) => {
    const task = await taskOf(taskId).catch(() => {
      throw new TaskRefusedError(`there is no task ${taskId}`);
    });
    if (task.status !== OPEN) throw new TaskRefusedError(`task ${taskId} is not open`);
    if (inputMissing.has(taskId)) throw new TaskRefusedError(`the input of task ${taskId} came too late`);
    const assigned = await client.readContract({ ...poi, functionName: 'assignedNodes', args: [taskId] });
    if (!assigned.some((a) => isAddressEqual(a, account)))
      throw new TaskRefusedError(`task ${taskId} did not select this node`);
    const version = await client.readContract({
      address: c.ModelMarketplace.address,
      abi: modelMarketplaceAbi,
      functionName: 'getVersion',
      args: [task.modelId, task.version],
    });
    if (version.weightsCid !== cid)
      throw new TaskRefusedError(`task ${taskId} names the weights ${version.weightsCid}, not ${cid}`);
    if (inputHash(inputs) !== task.inputHash)
      throw new TaskRefusedError(`the input is not the one task ${taskId} committed to`);
    received.add(taskId);
  };

  // Tasks whose input came (or is being answered), and those declared to have had none (until
  // their commit window closes, after which the contract refuses a commit anyway).
  const received = new Set<bigint>();
  const inputMissing = new Set<bigint>();
  /** Per task, one timer: first the one that declares no input, then the one that forgets the declaration. */
  const inputTimers = new Map<bigint, ReturnType<typeof setTimeout>>();
  /** Declares, at half the commit window, that a task's input never came, unless it did meanwhile. */
  const expectInput = (taskId: bigint, commitDeadline: bigint, now: bigint) => {
    // The same selection seen twice (a log polled again) keeps its first timer.
    if (inputTimers.has(taskId) || inputMissing.has(taskId)) return;
    const delayMs = Number(commitDeadline > now ? commitDeadline - now : 0n) * 500;
    const timer = setTimeout(() => {
      inputTimers.delete(taskId);
      if (stopped || received.has(taskId) || commits.has(taskId)) return;
      inputMissing.add(taskId);
      inputTimers.set(
        taskId,
        setTimeout(() => {
          inputTimers.delete(taskId);
          inputMissing.delete(taskId);
        }, delayMs),
      );
      send(poi.address, proofOfInferenceAbi as Abi, 'declareNoInput', [taskId])
        .then(({ hash }) => emit({ type: 'no-input', task: taskId, hash }))
        .catch((error) => emit({ type: 'failed', what: 'no-input', task: taskId, error: asError(error) }));
    }, delayMs);
    inputTimers.set(taskId, timer);
  };

  /** Reveals once every node has committed or the window closed; settles when the reveals are in. */
  const finish = async (taskId: bigint, outputHash: Hex, salt: Hex) => {
    for (;;) {
      if (stopped) return;
      const task = await taskOf(taskId);
      if (task.status !== OPEN) break;
      const block = await client.getBlock();
      if (
        task.commits + task.noInputs >= task.k ||
        block.timestamp > task.commitDeadline ||
        Date.now() / 1000 > Number(task.commitDeadline)
      ) {
        const revealed = await client.readContract({ ...poi, functionName: 'revealedOutput', args: [taskId, account] });
        if (revealed === `0x${'0'.repeat(64)}`) {
          const { hash } = await send(poi.address, proofOfInferenceAbi as Abi, 'reveal', [taskId, outputHash, salt]);
          emit({ type: 'revealed', task: taskId, hash });
        }
        const after = await taskOf(taskId);
        if (after.status === OPEN && after.reveals + after.noInputs >= after.k) {
          // Another node may settle first: its settlement is as good.
          const settled = await send(poi.address, proofOfInferenceAbi as Abi, 'settle', [taskId]).catch(() => null);
          if (settled) emit({ type: 'settled', task: taskId, hash: settled.hash });
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    await secrets.remove(taskId);
    commits.delete(taskId);
    received.delete(taskId);
  };
  const finishInBackground = (taskId: bigint, outputHash: Hex, salt: Hex) =>
    void finish(taskId, outputHash, salt).catch((error) =>
      emit({ type: 'failed', what: 'reveal', task: taskId, error: asError(error) }),
    );

  // A task's input may arrive more than once (a requester sending it again): the first commit
  // stands, and its salt is the one kept for the reveal; later ones get the same commit's hash.
  const commits = new Map<bigint, Promise<Hash>>();
  /** Commits to `outputHash` for the task (once) and finishes it in the background; returns the commit's hash. */
  const commit = (taskId: bigint, outputHash: Hex): Promise<Hash> => {
    const known = commits.get(taskId);
    if (known) return known;
    const committing = commitOnce(taskId, outputHash);
    commits.set(taskId, committing);
    committing.catch(() => commits.delete(taskId));
    return committing;
  };
  const commitOnce = async (taskId: bigint, outputHash: Hex): Promise<Hash> => {
    // Committed before a restart: the salt kept then is the one its reveal needs.
    if (await client.readContract({ ...poi, functionName: 'hasCommitted', args: [taskId, account] }))
      throw new TaskRefusedError(`this node has already committed to task ${taskId}`);
    const salt = toHex(crypto.getRandomValues(new Uint8Array(32)));
    const commitment = keccak256(
      encodeAbiParameters(
        [{ type: 'uint256' }, { type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }],
        [taskId, account, outputHash, salt],
      ),
    );
    await secrets.save(taskId, { outputHash, salt });
    const { hash } = await send(poi.address, proofOfInferenceAbi as Abi, 'commit', [taskId, commitment]);
    emit({ type: 'committed', task: taskId, hash });
    finishInBackground(taskId, outputHash, salt);
    return hash;
  };

  // Commits made before a restart are revealed now; a secret whose commit never went out is dropped.
  for (const [taskId, secret] of await secrets.all()) {
    const committed = await client
      .readContract({ ...poi, functionName: 'hasCommitted', args: [taskId, account] })
      .catch(() => false);
    if (committed) finishInBackground(taskId, secret.outputHash, secret.salt);
    else await secrets.remove(taskId);
  }

  // The chain says first which tasks chose this node; the input follows from the requester, so
  // the model is loaded meanwhile.
  const selected = async (taskId: bigint, commitDeadline: bigint) => {
    const [task, block] = await Promise.all([taskOf(taskId), client.getBlock()]);
    expectInput(taskId, commitDeadline, block.timestamp);
    const { weightsCid } = await client.readContract({
      address: c.ModelMarketplace.address,
      abi: modelMarketplaceAbi,
      functionName: 'getVersion',
      args: [task.modelId, task.version],
    });
    emit({ type: 'selected', task: taskId, weightsCid });
    options.onSelected?.(weightsCid);
  };
  const unwatch = client.watchContractEvent({
    ...poi,
    eventName: 'TaskAssigned',
    pollingInterval: pollMs * 2,
    onLogs: (logs) => {
      for (const log of logs) {
        const { taskId, nodes, commitDeadline } = log.args;
        if (taskId === undefined || commitDeadline === undefined || !nodes?.some((n) => isAddressEqual(n, account)))
          continue;
        void selected(taskId, commitDeadline).catch(() => {});
      }
    },
  });

  return {
    account,
    check,
    commit,
    /** Sends a heartbeat (and declares model changes) now, rather than at the next interval. */
    beat,
    stop() {
      stopped = true;
      clearInterval(heartbeat);
      for (const timer of inputTimers.values()) clearTimeout(timer);
      unwatch();
    },
  };
}

export type TaskParticipant = Awaited<ReturnType<typeof joinComputeNetwork>>;
