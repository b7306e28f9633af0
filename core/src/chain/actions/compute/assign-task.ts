// Assigns a pending ProofOfInference task: its nodes are selected from the hash of the block it
// was created in, so this goes in a later block (it waits for one if needed). Anyone may assign,
// so another party's assignment landing first is as good: its nodes are read back. A task whose
// nodes left meanwhile is refunded by the contract instead.
import {
  BaseError,
  ContractFunctionRevertedError,
  parseEventLogs,
  type Address,
  type Hash,
  type PublicClient,
} from 'viem';
import { proofOfInferenceAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { writeAndWait } from '../write-and-wait.ts';
import { TASK_STATUSES } from './read-task.ts';

export interface AssignedTask {
  /** The selected nodes, or none when the task was refunded for want of them. */
  nodes: Address[];
  refunded: boolean;
  /** This wallet's assignment, when it was the one that landed. */
  hash?: Hash;
}

const PENDING = TASK_STATUSES.indexOf('pending');

export async function assignTask(
  client: PublicClient,
  wallet: ConnectedWallet,
  proofOfInference: Address,
  taskId: bigint,
  createdIn: bigint,
): Promise<AssignedTask> {
  const poi = { address: proofOfInference, abi: proofOfInferenceAbi } as const;
  for (;;) {
    const task = await client.readContract({ ...poi, functionName: 'getTask', args: [taskId] });
    if (task.status !== PENDING) {
      const nodes = await client.readContract({ ...poi, functionName: 'assignedNodes', args: [taskId] });
      return { nodes: [...nodes], refunded: nodes.length === 0 };
    }
    try {
      const { hash, receipt } = await writeAndWait(client, wallet, {
        ...poi,
        functionName: 'assign',
        args: [taskId],
      });
      const logs = parseEventLogs({ abi: proofOfInferenceAbi, logs: receipt.logs });
      const assigned = logs.find((log) => log.eventName === 'TaskAssigned');
      if (assigned) return { nodes: [...assigned.args.nodes], refunded: false, hash };
      if (logs.some((log) => log.eventName === 'TaskRefunded')) return { nodes: [], refunded: true, hash };
      // Reseeded (its seed block was out of reach): the next block seeds it.
    } catch (error) {
      const reverted = error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError);
      const name = reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
      // Someone else's assignment landed first: the loop reads it back.
      if (name === 'NotPending') continue;
      if (name !== 'SeedNotReady') throw error;
    }
    await nextBlock(client, createdIn);
  }
}

/** Resolves once the chain is past `block`. */
function nextBlock(client: PublicClient, block: bigint) {
  return new Promise<void>((resolve, reject) => {
    const unwatch = client.watchBlockNumber({
      emitOnBegin: true,
      onBlockNumber: (n) => {
        if (n <= block) return;
        unwatch();
        resolve();
      },
      onError: (error) => {
        unwatch();
        reject(error);
      },
    });
  });
}
