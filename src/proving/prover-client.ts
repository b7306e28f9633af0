// The page's handle on the proving worker: one proof at a time per worker, with its progress.
import type { ProvingArtifacts } from '@permanet/core/proving/groth16-prove';
import {
  PROVING_STAGES,
  type ProofInput,
  type ProverRequest,
  type ProverResponse,
  type ProveResult,
} from '@permanet/core/proving/prover-protocol';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class ProvingError extends PermaNetError {
  override name = 'ProvingError';
}

export class ProverClient {
  private readonly worker = new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;

  /** The artifacts the worker holds (it keeps the last sent), so they cross only when they change. */
  private held: string | null = null;

  /**
   * `artifacts.id` names the circuit and key (their CIDs); `onProgress` gets the step's index and
   * name (see PROVING_STAGES) and the fraction done.
   */
  prove(
    artifacts: ProvingArtifacts & { id: string },
    input: ProofInput,
    onProgress: (stage: { index: number; name: string; fraction: number }) => void = () => {},
  ): Promise<ProveResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<ProverResponse>) => {
        const message = event.data;
        if (message.id !== id) return;
        if (message.type === 'progress') {
          onProgress({
            index: message.stage,
            name: PROVING_STAGES[message.stage],
            fraction: message.stage / PROVING_STAGES.length,
          });
          return;
        }
        cleanup();
        if (message.ok) resolve(message.result);
        else reject(new ProvingError(message.error.message));
      };
      const onError = (event: ErrorEvent) => {
        cleanup();
        this.held = null;
        reject(new ProvingError(`the proving worker failed: ${event.message}`));
      };
      const cleanup = () => {
        this.worker.removeEventListener('message', onMessage);
        this.worker.removeEventListener('error', onError);
      };
      this.worker.addEventListener('message', onMessage);
      this.worker.addEventListener('error', onError);
      if (this.held === artifacts.id) {
        this.worker.postMessage({ id, type: 'prove', artifactsId: artifacts.id, input } satisfies ProverRequest);
        return;
      }
      // Copies, so the caller keeps its bytes (they are its cache too).
      const [circuit, provingKey] = [artifacts.circuit.slice(), artifacts.provingKey.slice()];
      this.worker.postMessage(
        {
          id,
          type: 'prove',
          artifactsId: artifacts.id,
          artifacts: { circuit, provingKey },
          input,
        } satisfies ProverRequest,
        [circuit.buffer, provingKey.buffer],
      );
      this.held = artifacts.id;
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
