// "Submit": settles an inference with its proof. Opens a proof task (K = 0) for the input's
// commitment, escrowing the fee and the model's per-use price (approving what is missing), then
// settles it with the proof, which pays the fee to the prover (here the submitter) and the model
// its price through the marketplace.
import { parseEventLogs, toHex, type Hash, type PublicClient } from 'viem';
import { modelMarketplaceAbi, proofOfInferenceAbi } from '../../abi/generated.ts';
import type { ConnectedWallet } from '../../dev-wallet.ts';
import type { ProofWords } from '../../../proving/groth16-calldata.ts';
import type { ComputeAddresses } from '../compute/create-task.ts';
import { ensureAllowance } from '../joy/ensure-allowance.ts';
import { writeAndWait } from '../write-and-wait.ts';

export interface SubmittedProof {
  taskId: bigint;
  createHash: Hash;
  settleHash: Hash;
  /** Gas of opening the task and of settling it with the proof (verification included). */
  gas: { create: bigint; settle: bigint };
  /** keccak256 of the ABI-encoded public signals, as the task records it. */
  result: Hash;
}

export async function submitProof(
  client: PublicClient,
  wallet: ConnectedWallet,
  at: ComputeAddresses,
  model: { id: bigint; version: number },
  proof: { words: ProofWords; publicSignals: readonly bigint[] },
  fee = 0n,
  onStep?: (step: 'approving' | 'creating' | 'settling') => void,
): Promise<SubmittedProof> {
  const { pricePerUse } = await client.readContract({
    address: at.marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'getModel',
    args: [model.id],
  });
  onStep?.('approving');
  await ensureAllowance(client, wallet, at.joy, at.proofOfInference, fee + pricePerUse);
  onStep?.('creating');
  const commitment = toHex(proof.publicSignals[0], { size: 32 });
  const created = await writeAndWait(client, wallet, {
    address: at.proofOfInference,
    abi: proofOfInferenceAbi,
    functionName: 'createProofTask',
    // This wallet proves and settles: the fee is bound to it, so a copied proof pays a copier nothing.
    args: [model.id, model.version, commitment, fee, pricePerUse, wallet.account.address],
  });
  const [event] = parseEventLogs({ abi: proofOfInferenceAbi, eventName: 'TaskCreated', logs: created.receipt.logs });
  onStep?.('settling');
  const settled = await writeAndWait(client, wallet, {
    address: at.proofOfInference,
    abi: proofOfInferenceAbi,
    functionName: 'settleWithProof',
    args: [event.args.taskId, proof.words, proof.publicSignals],
  });
  const [proved] = parseEventLogs({ abi: proofOfInferenceAbi, eventName: 'TaskProved', logs: settled.receipt.logs });
  return {
    taskId: event.args.taskId,
    createHash: created.hash,
    settleHash: settled.hash,
    gas: { create: created.receipt.gasUsed, settle: settled.receipt.gasUsed },
    result: proved.args.result,
  };
}
