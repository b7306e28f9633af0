// "Verify on-chain": asks ProofOfInference (which calls the version's Groth16 verifier) whether a
// proof is valid, as a view call: free, nothing is sent.
import type { Address, PublicClient } from 'viem';
import { proofOfInferenceAbi } from '../../abi/generated.ts';
import type { ProofWords } from '../../../proving/groth16-calldata.ts';

export function isValidProof(
  client: PublicClient,
  proofOfInference: Address,
  modelId: bigint,
  version: number,
  proof: ProofWords,
  publicSignals: readonly bigint[],
): Promise<boolean> {
  return client.readContract({
    address: proofOfInference,
    abi: proofOfInferenceAbi,
    functionName: 'isValidProof',
    args: [modelId, version, proof, publicSignals],
  });
}
