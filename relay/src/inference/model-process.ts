// The child process one model runs in (sandboxed-backend.ts starts it): onnxruntime-node loads the
// model's bytes once, then runs feeds for as long as the parent keeps it. A model that loops or
// grows without bound stalls or fills only this process, which the parent kills.
import type { Feeds } from '@permanet/core/inference/tensors';
import { serveSandbox } from '../sandbox/serve-sandbox.ts';
import { type LoadedModel, onnxRuntimeBackend } from './execution-backend.ts';

const backend = onnxRuntimeBackend((message) => process.stderr.write(`${message}\n`));
let model: LoadedModel | null = null;

serveSandbox({
  async load({ bytes }: { bytes: Uint8Array }) {
    model = await backend.load(bytes);
    return { inputNames: [...model.inputNames], outputNames: [...model.outputNames], backend: backend.name };
  },
  run({ feeds }: { feeds: Feeds }) {
    if (!model) throw new Error('no model is loaded');
    return model.run(feeds);
  },
});
