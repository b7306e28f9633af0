// Plain tensors that cross the worker boundary (structured-clone friendly), and the check of a
// set of input tensors against a model's spec, so a wrong shape gets a clear message before
// onnxruntime sees it.
import { elementCount, type ModelSpec, type TensorSpec } from './model-spec.ts';
import { PermaNetError } from '../errors/permanet-error.ts';

export type TensorData = Float32Array | BigInt64Array;

export interface PlainTensor {
  type: 'float32' | 'int64';
  data: TensorData;
  dims: number[];
}

export type Feeds = Record<string, PlainTensor>;

export class InputShapeError extends PermaNetError {
  override name = 'InputShapeError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The input does not fit the model: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

function checkTensor(spec: TensorSpec, tensor: PlainTensor | undefined, problems: string[]) {
  if (tensor === undefined) return problems.push(`${spec.name}: missing`);
  if (tensor.type !== spec.type) return problems.push(`${spec.name}: expected ${spec.type}, got ${tensor.type}`);
  const fits =
    tensor.dims.length === spec.shape.length &&
    spec.shape.every((d, i) =>
      typeof d === 'number' ? tensor.dims[i] === d : Number.isInteger(tensor.dims[i]) && tensor.dims[i] > 0,
    );
  if (!fits)
    return problems.push(`${spec.name}: expected shape [${spec.shape.join(', ')}], got [${tensor.dims.join(', ')}]`);
  const expected = tensor.dims.reduce((n, d) => n * d, 1);
  if (tensor.data.length !== expected)
    problems.push(
      `${spec.name}: shape [${tensor.dims.join(', ')}] needs ${expected} values, got ${tensor.data.length}`,
    );
}

/** Throws InputShapeError listing every input that does not match the spec. */
export function checkFeeds(spec: ModelSpec, feeds: Feeds): void {
  const problems: string[] = [];
  for (const input of spec.inputs) checkTensor(input, feeds[input.name], problems);
  for (const name of Object.keys(feeds)) {
    if (!spec.inputs.some((input) => input.name === name)) problems.push(`${name}: the model has no such input`);
  }
  if (problems.length > 0) throw new InputShapeError(problems);
}

/** A float32 tensor of the spec's shape with its symbolic dimensions bound to `batch`. */
export function float32Tensor(spec: TensorSpec, data: Float32Array, batch = 1): PlainTensor {
  const dims = spec.shape.map((d) => (typeof d === 'number' ? d : batch));
  if (data.length !== elementCount(spec.shape, batch)) {
    throw new InputShapeError([
      `${spec.name}: shape [${dims.join(', ')}] needs ${elementCount(spec.shape, batch)} values, got ${data.length}`,
    ]);
  }
  return { type: 'float32', data, dims };
}
