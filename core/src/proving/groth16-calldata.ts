// A Groth16 proof as snarkjs writes it, turned into the eight words the generated verifier (and
// ProofOfInference, through Groth16Call) take: a, then b with each coordinate pair swapped (the
// EVM's pairing precompile takes the G2 coordinates' imaginary part first), then c.

export interface Groth16Proof {
  pi_a: string[];
  pi_b: string[][];
  pi_c: string[];
}

export type ProofWords = readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];

export function proofWords(proof: Groth16Proof): ProofWords {
  const { pi_a: a, pi_b: b, pi_c: c } = proof;
  if (a?.length < 2 || b?.length < 2 || b.some((pair) => pair?.length < 2) || c?.length < 2)
    throw new TypeError('not a Groth16 proof: pi_a, pi_b and pi_c are missing coordinates');
  const words = [a[0], a[1], b[0][1], b[0][0], b[1][1], b[1][0], c[0], c[1]].map((v) => {
    if (!/^\d+$/.test(v))
      throw new TypeError(`not a Groth16 proof: ${String(v).slice(0, 80)} is not a decimal coordinate`);
    return BigInt(v);
  });
  return words as unknown as ProofWords;
}
