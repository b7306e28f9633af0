// A model's input and output spec, stored on-chain as JSON next to its CID: what tensors the
// model takes and gives, and how the app presents it to a person.
import { FieldReader } from '../config/fields.ts';
import type { CanonicalRule } from './canonical-output.ts';

export const ELEMENT_TYPES = ['float32', 'int64'] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

/** How the app lets a person feed the model and read its output ('tensor': a list of numbers in, numbers out). */
export const PRESENTATIONS = ['digit-canvas', 'speech-activity', 'tensor'] as const;
export type Presentation = (typeof PRESENTATIONS)[number];

export interface TensorSpec {
  name: string;
  type: ElementType;
  /** Dimensions; a string is a symbolic dimension such as "batch". */
  shape: (number | string)[];
}

export interface ModelSpec {
  presentation: Presentation;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  labels?: string[];
  /** What of the output providers compare (canonical-output.ts); a default per presentation. */
  canonical?: CanonicalRule;
  /**
   * For a model with an int8 version proved by a circuit (ModelMarketplace's prover for the
   * version): each input value x enters the circuit as clamp(round(x / inputScale), −128, 127).
   */
  proof?: { inputScale: number };
}

function tensors(read: FieldReader, value: unknown, path: string): TensorSpec[] {
  if (!Array.isArray(value) || value.length === 0) {
    read.fail(path, 'must be a non-empty list of tensors');
    return [];
  }
  return value.map((item, i) => {
    const t = read.object(item, `${path}[${i}]`);
    const shape = Array.isArray(t.shape) ? t.shape : [];
    if (!Array.isArray(t.shape)) read.fail(`${path}[${i}].shape`, 'must be a list of dimensions');
    shape.forEach((d, j) => {
      const ok = (typeof d === 'number' && Number.isInteger(d) && d > 0) || (typeof d === 'string' && d.length > 0);
      if (!ok) read.fail(`${path}[${i}].shape[${j}]`, 'must be a positive integer or a symbolic name');
    });
    return {
      name: read.string(t.name, `${path}[${i}].name`),
      type: read.oneOf(t.type, `${path}[${i}].type`, ELEMENT_TYPES, 'float32'),
      shape: shape as (number | string)[],
    };
  });
}

/** Parses the JSON a registration carries; throws ConfigError naming each bad field. */
export function parseModelSpec(json: string): ModelSpec {
  const read = new FieldReader('model spec');
  const top = read.object(read.json(json), '(top level)');
  const spec: ModelSpec = {
    presentation: read.oneOf(top.presentation, 'presentation', PRESENTATIONS, 'digit-canvas'),
    inputs: tensors(read, top.inputs, 'inputs'),
    outputs: tensors(read, top.outputs, 'outputs'),
  };
  if (top.presentation === undefined) read.fail('presentation', `must be one of ${PRESENTATIONS.join(', ')}`);
  if (top.labels !== undefined) spec.labels = read.stringArray(top.labels, 'labels');
  if (top.canonical !== undefined) {
    const rule = read.object(top.canonical, 'canonical');
    const decimals = read.integer(rule.decimals, 'canonical.decimals', { min: 0, max: 8 });
    if (rule.kind === 'top-class') spec.canonical = { kind: 'top-class', decimals };
    else if (rule.kind === 'rounded') {
      const outputs = read.stringArray(rule.outputs, 'canonical.outputs');
      outputs.forEach((name, i) => {
        if (!spec.outputs.some((o) => o.name === name))
          read.fail(`canonical.outputs[${i}]`, `names no output of the model: ${name}`);
      });
      spec.canonical = { kind: 'rounded', outputs, decimals };
    } else read.fail('canonical.kind', 'must be "top-class" or "rounded"');
  }
  if (top.proof !== undefined) {
    const proof = read.object(top.proof, 'proof');
    if (typeof proof.inputScale === 'number' && Number.isFinite(proof.inputScale) && proof.inputScale > 0)
      spec.proof = { inputScale: proof.inputScale };
    else read.fail('proof.inputScale', 'must be a positive number');
  }
  read.done();
  return spec;
}

/** The number of elements a shape holds, with symbolic dimensions bound to `batch`. */
export function elementCount(shape: (number | string)[], batch = 1): number {
  return shape.reduce<number>((n, d) => n * (typeof d === 'number' ? d : batch), 1);
}
