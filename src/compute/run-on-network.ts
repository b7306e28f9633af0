// "Run on the network", the requester's side: open a task for K nodes (escrowing the fee and the
// model's price), assign it in the next block, send the input to every node the contract
// selected, check each answer (its hash and its signature), then follow the chain until the task
// settles or is refunded. When the reveal window closes with nodes silent, the requester settles
// it itself (anyone may), so the majority is paid, the silent are slashed, or the escrow comes back.
import type { Libp2p } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { Address, PublicClient } from 'viem';
import { nodeCoordinatorAbi } from '@permanet/core/chain/abi/generated';
import { assignTask, type AssignedTask } from '@permanet/core/chain/actions/compute/assign-task';
import { createTask, type ComputeAddresses, type CreatedTask } from '@permanet/core/chain/actions/compute/create-task';
import { readTask, type TaskState } from '@permanet/core/chain/actions/compute/read-task';
import { settleTask } from '@permanet/core/chain/actions/compute/settle-task';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { inputHash } from '@permanet/core/inference/input-hash';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { NetworkInference } from '@permanet/core/protocols/inference';
import { pause } from '../p2p/retry-with-backoff.ts';
import { askNode } from './ask-node.ts';
import { messageOf } from '@permanet/core/errors/permanet-error';

export interface NodeProgress {
  address: Address;
  peerId: string;
  status: 'asking' | 'answered' | 'refused';
  answer?: NetworkInference;
  error?: string;
}

export interface NetworkRunState {
  step: 'approving' | 'creating' | 'assigning' | 'asking' | 'waiting' | 'settling' | 'done';
  task?: CreatedTask;
  assigned?: AssignedTask;
  nodes: NodeProgress[];
  chain?: TaskState;
}

export interface NetworkRunOptions {
  client: PublicClient;
  wallet: ConnectedWallet;
  addresses: ComputeAddresses & { coordinator: Address };
  libp2p: Libp2p;
  /** The tabs the relays know to hold a CID (for reaching contributing tabs). */
  findProviders: (cid: string) => Promise<Multiaddr[]>;
  model: { id: bigint; version: number; weightsCid: string; spec: ModelSpec };
  inputs: Feeds;
  k: number;
  fee: bigint;
  region: string;
  onUpdate: (state: NetworkRunState) => void;
  /** How long a node has to answer, and how often the chain is read while the task is open. */
  answerTimeoutMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
}

export async function runOnNetwork(options: NetworkRunOptions): Promise<NetworkRunState> {
  const { client, wallet, addresses, model } = options;
  const state: NetworkRunState = { step: 'approving', nodes: [] };
  const update = (change: Partial<NetworkRunState>) => {
    Object.assign(state, change);
    options.onUpdate({ ...state, nodes: state.nodes.map((n) => ({ ...n })) });
  };
  update({});

  const task = await createTask(
    client,
    wallet,
    addresses,
    {
      modelId: model.id,
      version: model.version,
      inputHash: inputHash(options.inputs),
      k: options.k,
      fee: options.fee,
      region: options.region,
    },
    (step) => update({ step }),
  );
  update({ step: 'assigning', task });
  const assigned = await assignTask(client, wallet, addresses.proofOfInference, task.taskId, task.block);
  const { nodes } = assigned;
  const peerIds = await Promise.all(
    nodes.map((node) =>
      client
        .readContract({
          address: addresses.coordinator,
          abi: nodeCoordinatorAbi,
          functionName: 'getNode',
          args: [node],
        })
        .then((n) => n.peerId),
    ),
  );
  update({
    step: 'asking',
    assigned,
    nodes: nodes.map((address, i) => ({ address, peerId: peerIds[i], status: 'asking' })),
  });

  // Every selected node gets the input at once, while the chain is followed (commits show as they
  // land). A node out of reach is tried again until it answers, its time is up or the commit
  // window closes; one that refuses, or stays out of reach, is shown as such: the chain decides
  // what its silence costs it.
  const commitWindow = new AbortController();
  const ask = async (node: NodeProgress) => {
    const signal = AbortSignal.any([
      AbortSignal.timeout(options.answerTimeoutMs ?? 60_000),
      commitWindow.signal,
      ...(options.signal ? [options.signal] : []),
    ]);
    try {
      node.answer = await askNode({
        libp2p: options.libp2p,
        findProviders: options.findProviders,
        peerId: node.peerId,
        model,
        inputs: options.inputs,
        task: task.taskId,
        signal,
      });
      node.status = 'answered';
    } catch (error) {
      node.status = 'refused';
      node.error = commitWindow.signal.aborted ? 'no answer before the commit window closed' : messageOf(error);
    }
    update({});
  };
  const asked = Promise.all(state.nodes.map(ask)).then(() => state.step === 'asking' && update({ step: 'waiting' }));

  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const chain = await readTask(client, addresses.proofOfInference, task.taskId, task.block);
      update({ chain });
      if (chain.status !== 'open') break;
      const { timestamp } = await client.getBlock();
      if (timestamp > chain.commitDeadline) commitWindow.abort();
      if (timestamp > chain.revealDeadline) {
        await asked;
        update({ step: 'settling' });
        // A node's own settlement may land first; the loop then sees the task closed.
        await settleTask(client, wallet, addresses.proofOfInference, task.taskId).catch(() => {});
        continue;
      }
      await pause(options.pollMs ?? 1000, options.signal);
    }
  } finally {
    commitWindow.abort();
    await asked;
  }
  update({ step: 'done' });
  return state;
}
