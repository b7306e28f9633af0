// The relay's execution backend: onnxruntime-node (execution-backend.ts) with each loaded model in
// its own child process, under a time limit per load and run and a memory cap. The relay's event
// loop only passes messages, so an honest slow model delays nothing else, and a model that loops
// (an ONNX Loop run 10^15 times) or swells is killed with its process: its caller gets
// SandboxLimitError, and the session is gone (the inference service drops it and quarantines it).
import { existsSync } from 'node:fs';
import type { Feeds } from '@permanet/core/inference/tensors';
import { ChildSandbox, type SandboxLimits } from '../sandbox/child-sandbox.ts';
import type { ExecutionBackend, LoadedModel } from './execution-backend.ts';

const MODEL_PROCESS = new URL('./model-process.ts', import.meta.url);

export function sandboxedBackend(limits: SandboxLimits): ExecutionBackend {
  // Known for sure once a child has loaded a model (CUDA may fail to load there).
  let name = existsSync('/dev/nvidiactl') ? 'cuda' : 'cpu';
  return {
    get name() {
      return name;
    },
    async load(bytes): Promise<LoadedModel> {
      const sandbox = new ChildSandbox(MODEL_PROCESS, limits, 'model');
      try {
        const loaded = await sandbox.call<{ inputNames: string[]; outputNames: string[]; backend: string }>('load', {
          bytes,
        });
        name = loaded.backend;
        return {
          inputNames: loaded.inputNames,
          outputNames: loaded.outputNames,
          run: (feeds) => sandbox.call<Feeds>('run', { feeds }),
          release: async () => sandbox.close(),
        };
      } catch (error) {
        sandbox.close();
        throw error;
      }
    },
  };
}
