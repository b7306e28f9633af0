// The relay's prover: snarkjs's CPU prover (snarkjs-prover.ts) in a child process, one proof at a
// time under a time limit and a memory cap. Past either the process is killed, the proof refused
// with SandboxLimitError, and the next proof starts a fresh process; the relay's event loop never
// runs a circuit's wasm, so a looping circuit stalls nothing else.
import { CircuitInputError } from '@permanet/core/proving/groth16-prove';
import type { ProveResult } from '@permanet/core/proving/prover-protocol';
import { ChildSandbox, SandboxCallError, type SandboxLimits } from '../sandbox/child-sandbox.ts';
import type { ProverBackend } from './prover-backend.ts';
import type { Hex } from 'viem';

const PROVER_PROCESS = new URL('./prover-process.ts', import.meta.url);

export function sandboxedProver(limits: SandboxLimits): ProverBackend {
  let sandbox: ChildSandbox | null = null;
  const child = () => {
    if (!sandbox?.alive) sandbox = new ChildSandbox(PROVER_PROCESS, limits, 'prover');
    return sandbox;
  };
  return {
    name: 'snarkjs-cpu',
    // A proving key is any bytes a creator registered: it is read in the sandbox too.
    keyHash: (provingKey) => child().call<Hex>('keyHash', { provingKey }),
    async prove(artifacts, input) {
      try {
        return await child().call<ProveResult>('prove', { artifacts, input });
      } catch (error) {
        // The circuit refused the input: the peer's fault, told as such.
        if (error instanceof SandboxCallError && error.remoteName === 'CircuitInputError')
          throw new CircuitInputError(error.message);
        throw error;
      }
    },
    async close() {
      sandbox?.close();
    },
  };
}
