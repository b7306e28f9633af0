// The child process proofs are made in (sandboxed-prover.ts starts it): snarkjs's CPU prover, with
// the witness computed by the circuit's own wasm. A circuit that loops forever (a wasm whose start
// function never returns) or a proof that swells stalls or fills only this process.
import type { ProvingArtifacts } from '@permanet/core/proving/groth16-prove';
import type { ProofInput } from '@permanet/core/proving/prover-protocol';
import { serveSandbox } from '../sandbox/serve-sandbox.ts';
import { snarkjsProver } from './snarkjs-prover.ts';

const prover = snarkjsProver();

serveSandbox({
  prove: ({ artifacts, input }: { artifacts: ProvingArtifacts; input: ProofInput }) => prover.prove(artifacts, input),
  keyHash: ({ provingKey }: { provingKey: Uint8Array }) => prover.keyHash(provingKey),
});
