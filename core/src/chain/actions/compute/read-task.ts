// A task as the requester follows it: its state and, in order, what happened to it on-chain:
// commits, reveals, penalties, and the settlement or refund, each with its transaction.
import { parseEventLogs, type Address, type Hash, type Hex, type PublicClient } from 'viem';
import { proofOfInferenceAbi } from '../../abi/generated.ts';

export const TASK_STATUSES = ['none', 'pending', 'open', 'settled', 'refunded'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TaskEventRecord =
  | { type: 'committed'; node: Address; tx: Hash }
  | { type: 'no-input'; node: Address; tx: Hash }
  | { type: 'revealed'; node: Address; outputHash: Hex; tx: Hash }
  | { type: 'penalized'; node: Address; slashed: bigint; revealed: boolean; tx: Hash }
  | { type: 'settled'; result: Hex; paid: Address[]; payEach: bigint; tx: Hash }
  | { type: 'refunded'; amount: bigint; tx: Hash };

export interface TaskState {
  status: TaskStatus;
  k: number;
  commits: number;
  reveals: number;
  /** Nodes that said the input never reached them. */
  noInputs: number;
  commitDeadline: bigint;
  revealDeadline: bigint;
  fee: bigint;
  price: bigint;
  result: Hex;
  events: TaskEventRecord[];
}

export async function readTask(
  client: PublicClient,
  proofOfInference: Address,
  taskId: bigint,
  fromBlock = 0n,
): Promise<TaskState> {
  const task = await client.readContract({
    address: proofOfInference,
    abi: proofOfInferenceAbi,
    functionName: 'getTask',
    args: [taskId],
  });
  const logs = await client.getLogs({ address: proofOfInference, fromBlock, toBlock: 'latest' });
  const events: TaskEventRecord[] = [];
  for (const log of parseEventLogs({ abi: proofOfInferenceAbi, logs })) {
    if (!('taskId' in log.args) || log.args.taskId !== taskId) continue;
    const tx = log.transactionHash;
    if (log.eventName === 'Committed') events.push({ type: 'committed', node: log.args.node, tx });
    else if (log.eventName === 'NoInputDeclared') events.push({ type: 'no-input', node: log.args.node, tx });
    else if (log.eventName === 'Revealed')
      events.push({ type: 'revealed', node: log.args.node, outputHash: log.args.outputHash, tx });
    else if (log.eventName === 'NodePenalized')
      events.push({
        type: 'penalized',
        node: log.args.node,
        slashed: log.args.slashed,
        revealed: log.args.revealed,
        tx,
      });
    else if (log.eventName === 'TaskSettled')
      events.push({
        type: 'settled',
        result: log.args.result,
        paid: [...log.args.paid],
        payEach: log.args.payEach,
        tx,
      });
    else if (log.eventName === 'TaskRefunded') events.push({ type: 'refunded', amount: log.args.amount, tx });
  }
  return {
    status: TASK_STATUSES[task.status],
    k: task.k,
    commits: task.commits,
    reveals: task.reveals,
    noInputs: task.noInputs,
    commitDeadline: task.commitDeadline,
    revealDeadline: task.revealDeadline,
    fee: task.fee,
    price: task.price,
    result: task.result,
    events,
  };
}
