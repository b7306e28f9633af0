// Opens a ProofOfInference task: escrows the fee and the model's per-use price (approving exactly
// what is missing), and returns the task id from the receipt. Its nodes are selected when it is
// assigned, in a later block (assign-task.ts).
import { parseEventLogs, type Address, type Hash, type Hex, type PublicClient } from 'viem';
import { modelMarketplaceAbi, proofOfInferenceAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import { ensureAllowance } from '../joy/ensure-allowance.ts';
import { writeAndWait } from '../write-and-wait.ts';

export interface TaskRequest {
  modelId: bigint;
  version: number;
  inputHash: Hex;
  k: number;
  /** JOY (wei) shared by the nodes that agree with the majority. */
  fee: bigint;
  /** A geohash prefix the selection favours; may be empty. */
  region: string;
}

export interface CreatedTask {
  taskId: bigint;
  /** What was escrowed: the fee plus the model's per-use price. */
  escrowed: bigint;
  hash: Hash;
  /** The block it was created in: where its events start. */
  block: bigint;
}

export interface ComputeAddresses {
  joy: Address;
  marketplace: Address;
  proofOfInference: Address;
}

export async function createTask(
  client: PublicClient,
  wallet: ConnectedWallet,
  at: ComputeAddresses,
  request: TaskRequest,
  onStep?: (step: 'approving' | 'creating') => void,
): Promise<CreatedTask> {
  const model = await client.readContract({
    address: at.marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'getModel',
    args: [request.modelId],
  });
  const escrowed = request.fee + model.pricePerUse;
  onStep?.('approving');
  await ensureAllowance(client, wallet, at.joy, at.proofOfInference, escrowed);
  onStep?.('creating');
  const { hash, receipt } = await writeAndWait(client, wallet, {
    address: at.proofOfInference,
    abi: proofOfInferenceAbi,
    functionName: 'createTask',
    // The price read above is the most the task pays: a creator raising it meanwhile gets a revert.
    args: [
      request.modelId,
      request.version,
      request.inputHash,
      request.k,
      request.fee,
      model.pricePerUse,
      request.region,
    ],
  });
  const [created] = parseEventLogs({ abi: proofOfInferenceAbi, eventName: 'TaskCreated', logs: receipt.logs });
  return { taskId: created.args.taskId, escrowed, hash, block: receipt.blockNumber };
}
