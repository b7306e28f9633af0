/// <reference lib="webworker" />
// Runs ONNX models with onnxruntime-web in a worker: WebGPU when a hardware adapter exists (or
// when it is asked for), WASM otherwise, with threads when the page is cross-origin isolated.
// Each backend loads its own onnxruntime build on first use: the WebGPU build's WASM (asyncify)
// is larger and slower than the plain one, so WASM runs never pay for it.
import type * as Ort from 'onnxruntime-web';
import type {
  Backend,
  BackendChoice,
  InspectResult,
  LoadResult,
  RunResult,
  ValueInfo,
  WorkerRequest,
  WorkerResponse,
} from '@permanet/core/inference/worker-protocol';
import type { Feeds, PlainTensor } from '@permanet/core/inference/tensors';
import { PermaNetError, asError, messageOf } from '@permanet/core/errors/permanet-error';

declare const self: DedicatedWorkerGlobalScope;

type OrtModule = typeof Ort;

let session: Ort.InferenceSession | null = null;
let ort: OrtModule | null = null;

// One WASM thread: on the demo models (0.4 MB and 2.3 MB) two threads measured slower per run
// (Silero 3.1 ms vs 1.8 ms per frame, digits 0.40 vs 0.36 ms), thread sync costing more than it
// saves on graphs this small. onnxruntime reads this once, when its WASM starts.
const threads = 1;

const builds: Record<Backend, () => Promise<OrtModule>> = {
  wasm: () => import('onnxruntime-web/wasm'),
  webgpu: () => import('onnxruntime-web/webgpu'),
};
const loaded = new Map<Backend, Promise<OrtModule>>();

function ortFor(backend: Backend): Promise<OrtModule> {
  let module = loaded.get(backend);
  if (!module) {
    module = builds[backend]().then((m) => {
      m.env.wasm.numThreads = threads;
      return m;
    });
    loaded.set(backend, module);
  }
  return module;
}

/** Chromium reports a software adapter (SwiftShader) on its info; older builds on the adapter. */
const isSoftware = (adapter: GPUAdapter) =>
  (adapter.info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter ??
  (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
  false;

async function webgpuAdapter(): Promise<{ adapter: GPUAdapter | null; reason: string | null }> {
  if (!('gpu' in navigator)) return { adapter: null, reason: 'this browser has no WebGPU' };
  const adapter = await navigator.gpu.requestAdapter().catch(() => null);
  return adapter ? { adapter, reason: null } : { adapter: null, reason: 'no WebGPU adapter is available' };
}

async function load(bytes: Uint8Array, choice: BackendChoice): Promise<LoadResult> {
  const started = performance.now();
  await session?.release();
  session = null;
  let backend: Backend = 'wasm';
  let fallbackReason: string | null = null;
  let adapterName: string | null = null;
  if (choice !== 'wasm') {
    const { adapter, reason } = await webgpuAdapter();
    // A software (fallback) adapter is far slower than WASM: used only when asked for by name.
    const software = adapter !== null && isSoftware(adapter);
    if (adapter && (choice === 'webgpu' || !software)) {
      backend = 'webgpu';
      adapterName =
        [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ') ||
        'unknown adapter';
      if (isSoftware(adapter)) adapterName += ' (software fallback)';
    } else if (choice === 'webgpu') {
      throw new PermaNetError(`WebGPU was asked for, but ${reason}`);
    } else {
      fallbackReason = software ? 'the only WebGPU adapter is a software fallback, slower than WASM' : reason;
    }
    if (backend === 'webgpu') (await ortFor('webgpu')).env.webgpu.adapter = adapter!;
  }
  ort = await ortFor(backend);
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new PermaNetError(`onnxruntime could not load the model: ${messageOf(error)}`);
  }
  return {
    backend,
    fallbackReason,
    adapter: adapterName,
    threads: backend === 'wasm' ? threads : 1,
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    loadMs: performance.now() - started,
  };
}

const valueInfo = (name: string, meta: Ort.InferenceSession.ValueMetadata | undefined): ValueInfo =>
  meta?.isTensor ? { name, type: meta.type, shape: [...meta.shape] } : { name, type: 'non-tensor', shape: [] };

/** Reads a model's declared inputs and outputs with a throwaway WASM session. */
async function inspect(bytes: Uint8Array): Promise<InspectResult> {
  const { InferenceSession } = await ortFor('wasm');
  let probe: Ort.InferenceSession;
  try {
    probe = await InferenceSession.create(bytes);
  } catch (error) {
    throw new PermaNetError(
      `This file is not an ONNX model that onnxruntime can load (${messageOf(error).split('\n')[0]})`,
    );
  }
  try {
    return {
      inputs: probe.inputNames.map((name, i) => valueInfo(name, probe.inputMetadata[i])),
      outputs: probe.outputNames.map((name, i) => valueInfo(name, probe.outputMetadata[i])),
    };
  } finally {
    await probe.release();
  }
}

const toOrt = (t: PlainTensor) => new ort!.Tensor(t.type, t.data, t.dims);
const fromOrt = (t: Ort.Tensor): PlainTensor => ({
  type: t.type === 'int64' ? 'int64' : 'float32',
  data: t.type === 'int64' ? (t.data as BigInt64Array) : Float32Array.from(t.data as Float32Array),
  dims: [...t.dims],
});

async function run(feeds: Feeds): Promise<RunResult> {
  if (session === null) throw new PermaNetError('no model is loaded');
  const inputs = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toOrt(t)]));
  const started = performance.now();
  const results = await session.run(inputs);
  const ms = performance.now() - started;
  // GPU-resident outputs are downloaded before they cross to the page.
  const outputs: Feeds = {};
  for (const [name, tensor] of Object.entries(results)) {
    if (tensor.location === 'gpu-buffer') await tensor.getData(true);
    outputs[name] = fromOrt(tensor);
  }
  return { outputs, ms };
}

// onnxruntime starts its WASM threads from the module that holds it, named "em-pthread"; should
// a bundler put onnxruntime in this file, those threads must keep emscripten's own handler.
const isOrtThread = self.name.startsWith('em-pthread');

const handle = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let response: WorkerResponse;
  try {
    let result: LoadResult | RunResult | InspectResult | null = null;
    if (request.type === 'load') result = await load(request.bytes, request.backend);
    else if (request.type === 'run') result = await run(request.feeds);
    else if (request.type === 'inspect') result = await inspect(request.bytes);
    else {
      await session?.release();
      session = null;
    }
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: { name: asError(error).name, message: messageOf(error) } };
  }
  self.postMessage(response);
};

if (!isOrtThread) self.onmessage = handle;
