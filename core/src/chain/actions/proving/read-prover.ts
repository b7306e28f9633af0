// A model version's prover as ModelMarketplace records it: the Groth16 verifier and the CIDs and
// sizes of the circuit's witness generator and proving key, with the hash of the verification key
// VerifierFactory made the verifier from; null when the version has none (or the model or version
// does not exist).
import { zeroAddress, type Address, type Hex, type PublicClient } from 'viem';
import { modelMarketplaceAbi, verifierFactoryAbi } from '../../abi/generated.ts';
import { revertName } from '../../describe-error.ts';

export interface ProverRecord {
  verifier: Address;
  circuitCid: string;
  provingKeyCid: string;
  circuitBytes: number;
  provingKeyBytes: number;
  /** keccak256 of the verification key the verifier checks against (verifying-key.ts). */
  keyHash: Hex;
}

export async function readProver(
  client: PublicClient,
  marketplace: Address,
  modelId: bigint,
  version: number,
): Promise<ProverRecord | null> {
  const p = await client
    .readContract({
      address: marketplace,
      abi: modelMarketplaceAbi,
      functionName: 'getProver',
      args: [modelId, version],
    })
    .catch((error) => {
      if (['UnknownModel', 'UnknownVersion'].includes(revertName(error) ?? '')) return null;
      throw error;
    });
  if (!p || p.verifier === zeroAddress) return null;
  const factory = await client.readContract({
    address: marketplace,
    abi: modelMarketplaceAbi,
    functionName: 'verifierFactory',
  });
  const keyHash = await client.readContract({
    address: factory,
    abi: verifierFactoryAbi,
    functionName: 'keyHashOf',
    args: [p.verifier],
  });
  return {
    keyHash,
    verifier: p.verifier,
    circuitCid: p.circuitCid,
    provingKeyCid: p.provingKeyCid,
    circuitBytes: Number(p.circuitBytes),
    provingKeyBytes: Number(p.provingKeyBytes),
  };
}
