// /permanet/inference/1.0.0: a peer asks a provider to run a model (by the CID of its weights) on
// its input tensors; the provider answers with the outputs, its compute time and a signature by
// its node key over the model, the input and the canonical output. One request and one response
// per stream, length-prefixed JSON (json-stream.ts) with tensor bytes in base64, up to 1 MiB.
import { CID } from 'multiformats/cid';
import { fromString as base64ToBytes, toString as bytesToBase64 } from 'uint8arrays';
import type { Feeds, PlainTensor } from '../../inference/tensors.ts';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { MAX_TENSORS, MAX_DIMS } from './constants.ts';

export interface WireTensor {
  type: PlainTensor['type'];
  dims: number[];
  /** The little-endian element bytes, base64. */
  data: string;
}

export interface InferenceRequest {
  type: 'infer';
  /** The CID of the model's weights (a registered version). */
  cid: string;
  inputs: Feeds;
  /** A ProofOfInference task this provider was selected for: it commits to its answer on-chain. */
  task?: bigint;
}

export const INFERENCE_ERROR_CODES = [
  'malformed',
  'unknown-model',
  'bad-input',
  'not-assigned',
  'rate-limited',
  'too-large',
  /** The model ran past the provider's time or memory limit (and is refused for a while). */
  'over-limit',
  'internal',
] as const;
export type InferenceErrorCode = (typeof INFERENCE_ERROR_CODES)[number];

export interface InferenceResult {
  outputs: Feeds;
  /** The model run alone, in milliseconds (queueing and batching excluded). */
  computeMs: number;
  /** How many requests shared the run. */
  batchSize: number;
  /** keccak-256 of the canonical output (canonical-output.ts). */
  outputHash: string;
  /** The provider's libp2p peer id and its signature over inferenceSignedText(...). */
  peer: string;
  signature: string;
  /** For a task: the transaction that committed to the output hash. */
  commitTx?: string;
}

export type InferenceResponse =
  | ({ ok: true } & InferenceResult)
  | { ok: false; code: InferenceErrorCode; message: string };

/** What a provider signs: the model, the input and the canonical output, nothing it could vary. */
export const inferenceSignedText = (cid: string, inputHash: string, outputHash: string) =>
  `PermaNet inference\nmodel: ${cid}\ninput: ${inputHash}\noutput: ${outputHash}`;

export function encodeTensor(tensor: PlainTensor): WireTensor {
  return {
    type: tensor.type,
    dims: tensor.dims,
    data: bytesToBase64(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), 'base64'),
  };
}

export const encodeFeeds = (feeds: Feeds): Record<string, WireTensor> =>
  Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, encodeTensor(t)]));

function decodeTensor(value: unknown, path: string): PlainTensor {
  if (typeof value !== 'object' || value === null) throw new MalformedMessageError(`${path} must be a tensor object`);
  const t = value as Record<string, unknown>;
  if (t.type !== 'float32' && t.type !== 'int64')
    throw new MalformedMessageError(`${path}.type must be "float32" or "int64"`);
  if (!Array.isArray(t.dims) || t.dims.length > MAX_DIMS || !t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new MalformedMessageError(`${path}.dims must be a list of at most ${MAX_DIMS} non-negative integers`);
  }
  if (typeof t.data !== 'string') throw new MalformedMessageError(`${path}.data must be base64`);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(t.data, 'base64');
  } catch {
    throw new MalformedMessageError(`${path}.data is not base64`);
  }
  const size = t.type === 'float32' ? 4 : 8;
  const count = (t.dims as number[]).reduce((n, d) => n * d, 1);
  if (bytes.length !== count * size)
    throw new MalformedMessageError(
      `${path}: dims [${(t.dims as number[]).join(', ')}] need ${count * size} bytes of ${t.type}, got ${bytes.length}`,
    );
  const copy = bytes.slice().buffer;
  return {
    type: t.type,
    dims: t.dims as number[],
    data: t.type === 'float32' ? new Float32Array(copy) : new BigInt64Array(copy),
  };
}

export function decodeFeeds(value: unknown, path: string): Feeds {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedMessageError(`${path} must be an object of named tensors`);
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > MAX_TENSORS)
    throw new MalformedMessageError(`${path} must hold 1 to ${MAX_TENSORS} tensors`);
  return Object.fromEntries(entries.map(([name, t]) => [name, decodeTensor(t, `${path}.${name}`)]));
}

export function parseInferenceRequest(value: unknown): InferenceRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedMessageError('an inference request must be a JSON object');
  const message = value as Record<string, unknown>;
  if (message.type !== 'infer') throw new MalformedMessageError('an inference request has type "infer"');
  if (typeof message.cid !== 'string') throw new MalformedMessageError('cid must be a string');
  try {
    CID.parse(message.cid);
  } catch {
    throw new MalformedMessageError(`cid is not a CID: ${message.cid.slice(0, 100)}`);
  }
  const request: InferenceRequest = { type: 'infer', cid: message.cid, inputs: decodeFeeds(message.inputs, 'inputs') };
  if (message.task !== undefined) {
    if (typeof message.task !== 'string' || !/^\d{1,30}$/.test(message.task))
      throw new MalformedMessageError('task must be a task id in decimal');
    request.task = BigInt(message.task);
  }
  return request;
}

export function parseInferenceResponse(value: unknown): InferenceResponse {
  const m = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (m.ok === false && INFERENCE_ERROR_CODES.includes(m.code as InferenceErrorCode) && typeof m.message === 'string')
    return { ok: false, code: m.code as InferenceErrorCode, message: m.message };
  if (m.ok !== true) throw new MalformedMessageError('not an inference response');
  for (const field of ['outputHash', 'peer', 'signature'] as const)
    if (typeof m[field] !== 'string') throw new MalformedMessageError(`${field} must be a string`);
  if (typeof m.computeMs !== 'number' || !Number.isSafeInteger(m.batchSize))
    throw new MalformedMessageError('computeMs and batchSize must be numbers');
  const result: InferenceResponse = {
    ok: true,
    outputs: decodeFeeds(m.outputs, 'outputs'),
    computeMs: m.computeMs,
    batchSize: m.batchSize as number,
    outputHash: m.outputHash as string,
    peer: m.peer as string,
    signature: m.signature as string,
  };
  if (typeof m.commitTx === 'string') result.commitTx = m.commitTx;
  return result;
}
