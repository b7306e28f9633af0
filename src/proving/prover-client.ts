// The page's handle on the proving worker: one proof at a time per worker, with its progress.
import { PROVING_STAGES, type ProofInput, type ProverResponse, type ProveResult } from './prover-protocol.ts';

export class ProvingError extends Error {
  override name = 'ProvingError';
}

export class ProverClient {
  private readonly worker = new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;

  /** `onProgress` gets the step's index and name (see PROVING_STAGES) and the fraction done. */
  prove(circuit: Uint8Array, provingKey: Uint8Array, input: ProofInput, onProgress: (stage: { index: number; name: string; fraction: number }) => void = () => {}): Promise<ProveResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<ProverResponse>) => {
        const message = event.data;
        if (message.id !== id) return;
        if (message.type === 'progress') {
          onProgress({ index: message.stage, name: PROVING_STAGES[message.stage], fraction: message.stage / PROVING_STAGES.length });
          return;
        }
        cleanup();
        if (message.ok) resolve(message.result);
        else reject(new ProvingError(message.error.message));
      };
      const onError = (event: ErrorEvent) => {
        cleanup();
        reject(new ProvingError(`the proving worker failed: ${event.message}`));
      };
      const cleanup = () => {
        this.worker.removeEventListener('message', onMessage);
        this.worker.removeEventListener('error', onError);
      };
      this.worker.addEventListener('message', onMessage);
      this.worker.addEventListener('error', onError);
      // Copies, so the caller keeps its bytes (cached artifacts are reused for the next proof).
      const [c, k] = [circuit.slice(), provingKey.slice()];
      this.worker.postMessage({ id, type: 'prove', circuit: c, provingKey: k, input }, [c.buffer, k.buffer]);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
