/// <reference lib="webworker" />
// Runs ONNX models with onnxruntime-web in a worker: WebGPU when an adapter exists (or when it
// is asked for), WASM otherwise, with threads when the page is cross-origin isolated.
import * as ort from 'onnxruntime-web/webgpu';
import type { Backend, BackendChoice, LoadResult, RunResult, WorkerRequest, WorkerResponse } from './worker-protocol.ts';
import type { Feeds, PlainTensor } from './tensors.ts';

declare const self: DedicatedWorkerGlobalScope;

let session: ort.InferenceSession | null = null;

const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
ort.env.wasm.numThreads = threads;

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
    if (adapter) {
      // Hand ort the adapter we found, fallback adapters (software WebGPU) included.
      ort.env.webgpu.adapter = adapter;
      backend = 'webgpu';
      adapterName = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ') || 'unknown adapter';
      if (adapter.info?.isFallbackAdapter) adapterName += ' (software fallback)';
    } else if (choice === 'webgpu') {
      throw new Error(`WebGPU was asked for, but ${reason}`);
    } else {
      fallbackReason = reason;
    }
  }
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: [backend], graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new Error(`onnxruntime could not load the model: ${(error as Error).message}`);
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

const toOrt = (t: PlainTensor) => new ort.Tensor(t.type, t.data, t.dims);
const fromOrt = (t: ort.Tensor): PlainTensor => ({
  type: t.type === 'int64' ? 'int64' : 'float32',
  data: t.type === 'int64' ? (t.data as BigInt64Array) : Float32Array.from(t.data as Float32Array),
  dims: [...t.dims],
});

async function run(feeds: Feeds): Promise<RunResult> {
  if (session === null) throw new Error('no model is loaded');
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

// onnxruntime starts its WASM threads from this same bundle, named "em-pthread": those must keep
// emscripten's own message handler.
const isOrtThread = self.name.startsWith('em-pthread');

const handle = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let response: WorkerResponse;
  try {
    let result: LoadResult | RunResult | null = null;
    if (request.type === 'load') result = await load(request.bytes, request.backend);
    else if (request.type === 'run') result = await run(request.feeds);
    else {
      await session?.release();
      session = null;
    }
    response = { id: request.id, ok: true, result };
  } catch (error) {
    response = { id: request.id, ok: false, error: { name: (error as Error).name, message: (error as Error).message } };
  }
  self.postMessage(response);
};

if (!isOrtThread) self.onmessage = handle;
