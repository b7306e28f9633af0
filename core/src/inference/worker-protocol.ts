// Messages between the page and the inference worker.
import type { Feeds } from './tensors.ts';

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export interface LoadResult {
  backend: Backend;
  /** Why WebGPU was not used, when `auto` fell back to WASM. */
  fallbackReason: string | null;
  adapter: string | null;
  threads: number;
  inputNames: string[];
  outputNames: string[];
  loadMs: number;
}

/** One input or output as the model file declares it. */
export interface ValueInfo {
  name: string;
  /** The element type, or "non-tensor" (sequences, maps). */
  type: string;
  /** Dimensions; a string is symbolic, "" unknown. */
  shape: (number | string)[];
}

export interface InspectResult {
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

export interface RunResult {
  outputs: Feeds;
  ms: number;
}

export type WorkerRequest =
  | { id: number; type: 'load'; bytes: Uint8Array; backend: BackendChoice }
  | { id: number; type: 'run'; feeds: Feeds }
  | { id: number; type: 'inspect'; bytes: Uint8Array }
  | { id: number; type: 'dispose' };

export type WorkerResponse =
  | { id: number; ok: true; result: LoadResult | RunResult | InspectResult | null }
  | { id: number; ok: false; error: { name: string; message: string } };
