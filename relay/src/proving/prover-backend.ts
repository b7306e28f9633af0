// What makes a relay's Groth16 proofs: the accelerator boundary for proving, as
// ExecutionBackend is for inference. A backend gets a registered model version's artifacts (the
// circuit's witness generator and its proving key, both fetched by CID and checked against it)
// and the circuit's private input, and returns the proof and public signals snarkjs would.
//
// The one implementation here is the CPU prover (snarkjs-prover.ts: snarkjs's BN254 engine,
// ffjavascript, in wasm on worker threads): these machines and CI have no GPU or FPGA. Another prover plugs in by
// implementing `prove`:
//   - a GPU prover (an MSM and NTT library such as ICICLE, or rapidsnark built for CUDA) keeps
//     circom's wasm for the witness, which is cheap, and does the multi-exponentiations of the
//     proof on the device; it loads the .zkey once per `artifacts` and keeps it resident;
//   - an FPGA prover does the same behind its driver, streaming the zkey's point sections;
//   - either returns `proof` with decimal coordinates (snarkjs's JSON) so callers need not care,
//     and names itself in `name`, which answers carry as `backend`.
// A backend must throw CircuitInputError when the circuit refuses the input, so the peer is
// told its input is wrong rather than that the relay failed.
import type { ProvingArtifacts } from '@permanet/core/proving/groth16-prove';
import type { ProofInput, ProveResult } from '@permanet/core/proving/prover-protocol';
import type { Hex } from 'viem';

export interface ProverBackend {
  /** What makes the proofs, for answers, logs and /status: "snarkjs-cpu", … */
  readonly name: string;
  prove(artifacts: ProvingArtifacts, input: ProofInput): Promise<ProveResult>;
  /** The hash (verifying-key.ts) of the verification key a proving key carries, to match the chain's verifier. */
  keyHash(provingKey: Uint8Array): Promise<Hex>;
  /** Frees what the backend holds (threads, device memory). */
  close(): Promise<void>;
}
