// A Groth16 verification key as VerifierFactory takes it (snarkjs's verifier order: G2 points as
// x1, x0, y1, y0), from snarkjs's verification_key.json, and its hash as the factory records it:
// keccak256(abi.encode(key)). A relay compares the hash of its proving key's verification key with
// the verifier's on-chain hash before it proves.
import * as snarkjs from 'snarkjs';
import { encodeAbiParameters, keccak256, type Hex } from 'viem';

export interface VerifyingKey {
  alpha: readonly [bigint, bigint];
  beta: readonly [bigint, bigint, bigint, bigint];
  gamma: readonly [bigint, bigint, bigint, bigint];
  delta: readonly [bigint, bigint, bigint, bigint];
  ic: readonly (readonly [bigint, bigint])[];
}

/** snarkjs's verification key JSON (zKey.exportVerificationKey, or verification_key.json). */
export interface SnarkjsVerificationKey {
  vk_alpha_1: string[];
  vk_beta_2: string[][];
  vk_gamma_2: string[][];
  vk_delta_2: string[][];
  IC: string[][];
}

const g2 = (p: string[][]) => [BigInt(p[0][1]), BigInt(p[0][0]), BigInt(p[1][1]), BigInt(p[1][0])] as const;

export function verifyingKeyOf(json: SnarkjsVerificationKey): VerifyingKey {
  return {
    alpha: [BigInt(json.vk_alpha_1[0]), BigInt(json.vk_alpha_1[1])],
    beta: g2(json.vk_beta_2),
    gamma: g2(json.vk_gamma_2),
    delta: g2(json.vk_delta_2),
    ic: json.IC.map((p) => [BigInt(p[0]), BigInt(p[1])] as const),
  };
}

const VERIFYING_KEY_ABI = {
  type: 'tuple',
  components: [
    { name: 'alpha', type: 'uint256[2]' },
    { name: 'beta', type: 'uint256[4]' },
    { name: 'gamma', type: 'uint256[4]' },
    { name: 'delta', type: 'uint256[4]' },
    { name: 'ic', type: 'uint256[2][]' },
  ],
} as const;

export const verifyingKeyHash = (key: VerifyingKey): Hex => keccak256(encodeAbiParameters([VERIFYING_KEY_ABI], [key]));

/** The hash of the verification key a proving key (.zkey) carries. */
export const provingKeyHash = async (zkey: Uint8Array): Promise<Hex> =>
  verifyingKeyHash(verifyingKeyOf(await snarkjs.zKey.exportVerificationKey({ type: 'mem', data: zkey })));
