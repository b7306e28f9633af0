// The page's handle on one inference worker: load a model on a backend, run it on inputs that
// were checked against the model's spec.
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { checkFeeds, type Feeds } from '@permanet/core/inference/tensors';
import type {
  BackendChoice,
  InspectResult,
  LoadResult,
  RunResult,
  WorkerRequest,
  WorkerResponse,
} from '@permanet/core/inference/worker-protocol';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class InferenceError extends PermaNetError {
  override name = 'InferenceError';
}

type Body = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class InferenceClient {
  private readonly worker = new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private spec: ModelSpec | null = null;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(new InferenceError(response.error.message));
    };
    this.worker.onerror = (event) => {
      const error = new InferenceError(`the inference worker failed: ${event.message}`);
      this.pending.forEach((waiter) => {
        waiter.reject(error);
      });
      this.pending.clear();
    };
  }

  private call<T>(body: Body, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /** Loads a model; the bytes are copied, so the caller keeps its own. */
  async load(bytes: Uint8Array, spec: ModelSpec, backend: BackendChoice): Promise<LoadResult> {
    const copy = bytes.slice();
    const result = await this.call<LoadResult>({ type: 'load', bytes: copy, backend }, [copy.buffer]);
    this.spec = spec;
    return result;
  }

  /** Reads the inputs and outputs a model file declares; refuses a file onnxruntime cannot load. */
  inspect(bytes: Uint8Array): Promise<InspectResult> {
    const copy = bytes.slice();
    return this.call<InspectResult>({ type: 'inspect', bytes: copy }, [copy.buffer]);
  }

  run(feeds: Feeds): Promise<RunResult> {
    if (this.spec === null) return Promise.reject(new InferenceError('no model is loaded'));
    checkFeeds(this.spec, feeds);
    return this.call<RunResult>({ type: 'run', feeds });
  }

  terminate(): void {
    this.worker.terminate();
    this.pending.forEach((waiter) => {
      waiter.reject(new InferenceError('the inference worker was stopped'));
    });
    this.pending.clear();
  }
}
