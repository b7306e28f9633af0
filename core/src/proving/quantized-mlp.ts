// A multilayer perceptron in integers, the form a zero-knowledge circuit can run: int8 inputs and
// weights, integer biases, ReLU layers whose int32 accumulators are requantized back to int8 by a
// fixed-point multiply and shift, and integer logits out. This file is the reference the circuit
// must match bit for bit (the circuit generator, the proving worker and the tests all use it).

export interface QuantizedLayer {
  inputs: number;
  outputs: number;
  /** int8, row-major by input: weights[i * outputs + j] joins input i to output j. */
  weights: number[];
  /** Integer biases, in the accumulator's scale. */
  bias: number[];
  /**
   * Hidden layers: the accumulator is requantized as
   * clamp(floor((relu(acc) · multiplier + 2^(shift−1)) / 2^shift), 0, 127).
   * The last layer has none: its accumulators are the logits.
   */
  requantize?: { multiplier: number; shift: number };
}

export interface QuantizedMlp {
  /** A float input x becomes clamp(round(x / inputScale), −128, 127). */
  inputScale: number;
  layers: QuantizedLayer[];
}

export const INT8_MIN = -128;
export const INT8_MAX = 127;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Float inputs (e.g. grey levels in [0, 1]) to the model's int8 inputs (`inputScale`: the model's, or its spec's
 * `proof.inputScale`).
 */
export function quantizeInput(inputScale: number, input: ArrayLike<number>): number[] {
  return Array.from(input, (x) => clamp(Math.round(x / inputScale), INT8_MIN, INT8_MAX));
}

/** One requantization step: relu, fixed-point scale, round half up, clamp to [0, 127]. */
export function requantize(acc: number, { multiplier, shift }: { multiplier: number; shift: number }): number {
  if (acc <= 0) return 0;
  // acc · multiplier stays below 2^53 for the layers this file is used with (checked by the generator).
  return clamp(Math.floor((acc * multiplier + 2 ** (shift - 1)) / 2 ** shift), 0, INT8_MAX);
}

/** The integer logits for int8 inputs `xq`, exactly as the circuit computes them. */
export function quantizedLogits(model: QuantizedMlp, xq: readonly number[]): number[] {
  let activations = xq;
  for (const layer of model.layers) {
    if (activations.length !== layer.inputs)
      throw new RangeError(`the layer takes ${layer.inputs} values, not ${activations.length}`);
    const acc = layer.bias.slice();
    for (let i = 0; i < layer.inputs; i++) {
      const a = activations[i];
      if (a === 0) continue;
      const row = i * layer.outputs;
      for (let j = 0; j < layer.outputs; j++) acc[j] += a * layer.weights[row + j];
    }
    activations = layer.requantize ? acc.map((v) => requantize(v, layer.requantize!)) : acc;
  }
  return activations as number[];
}

/** The index of the largest logit (the first on ties). */
export const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
