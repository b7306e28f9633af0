// The CPU prover: the same code the browser's proving worker runs (groth16-prove.ts), on snarkjs's
// BN254 engine with its multi-exponentiations and FFTs spread over worker threads.
import { releaseCurve } from '@permanet/core/proving/bn128-curve';
import { proveGroth16 } from '@permanet/core/proving/groth16-prove';
import { provingKeyHash } from '@permanet/core/proving/verifying-key';
import type { ProverBackend } from './prover-backend.ts';

export function snarkjsProver(): ProverBackend {
  return {
    name: 'snarkjs-cpu',
    prove: (artifacts, input) => proveGroth16(artifacts, input),
    keyHash: provingKeyHash,
    // The curve's threads keep a process alive.
    close: releaseCurve,
  };
}
