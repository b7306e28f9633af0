// Where a provider's models run. The interface is the accelerator boundary: a GPU, FPGA or
// remote prover plugs in by loading model bytes into something that runs feeds. Here the one
// implementation is onnxruntime-node: its CUDA execution provider when the machine has an NVIDIA
// device and the provider loads, its CPU provider otherwise (the only one this project's machines
// and CI exercise).
import { existsSync } from 'node:fs';
import ort from 'onnxruntime-node';
import type { Feeds, PlainTensor } from '@permanet/core/inference/tensors';
import { messageOf } from '@permanet/core/errors/permanet-error';

export interface LoadedModel {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Feeds): Promise<Feeds>;
  release(): Promise<void>;
}

export interface ExecutionBackend {
  /** What runs the models, for logs and /status: "cuda", "cpu", … */
  readonly name: string;
  load(bytes: Uint8Array): Promise<LoadedModel>;
}

const toOrt = (t: PlainTensor) => new ort.Tensor(t.type, t.data, t.dims);
const fromOrt = (t: ort.Tensor): PlainTensor => ({
  type: t.type === 'int64' ? 'int64' : 'float32',
  dims: [...t.dims],
  data: t.data as Float32Array | BigInt64Array,
});

async function loadWith(bytes: Uint8Array, providers: string[]): Promise<LoadedModel> {
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: providers,
    graphOptimizationLevel: 'all',
  });
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const results = await session.run(Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toOrt(t)])));
      return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, fromOrt(t)]));
    },
    release: () => session.release(),
  };
}

/**
 * onnxruntime-node: where `/dev/nvidiactl` exists the CUDA provider is tried first, and if it
 * fails to load once (no CUDA libraries) the backend stays on the CPU from then on.
 */
export function onnxRuntimeBackend(log: (message: string) => void = () => {}): ExecutionBackend {
  let cuda = existsSync('/dev/nvidiactl');
  return {
    get name() {
      return cuda ? 'cuda' : 'cpu';
    },
    async load(bytes) {
      if (cuda) {
        try {
          return await loadWith(bytes, ['cuda', 'cpu']);
        } catch (error) {
          cuda = false;
          log(`the CUDA execution provider did not load (${messageOf(error)}); running on the CPU`);
        }
      }
      return loadWith(bytes, ['cpu']);
    },
  };
}
