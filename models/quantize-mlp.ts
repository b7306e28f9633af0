// Post-training quantization of a float MLP (dense layers, ReLU between, logits out) to the
// integer model a circuit proves (core/src/proving/quantized-mlp.ts): symmetric int8 weights per layer,
// biases in each accumulator's scale, and each hidden layer's int8 scale calibrated on training
// inputs (a high percentile of its activations, so one outlier does not flatten the rest).
import { INT8_MAX, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';

export interface FloatLayer {
  weights: Float32Array;
  bias: Float32Array;
  inputs: number;
  outputs: number;
}

/** Bits of precision kept in a requantization multiplier. */
const MULTIPLIER_BITS = 15;
const CALIBRATION_PERCENTILE = 0.9999;

export function quantizeMlp(layers: FloatLayer[], calibration: Float32Array[], inputScale: number): QuantizedMlp {
  const out: QuantizedMlp = { inputScale, layers: [] };
  let scale = inputScale;
  let activations = calibration.map((x) => Array.from(x));
  layers.forEach((layer, l) => {
    const weightScale = Math.max(...layer.weights.map(Math.abs)) / INT8_MAX;
    const weights = Array.from(layer.weights, (w) => Math.round(w / weightScale));
    const accScale = scale * weightScale;
    const bias = Array.from(layer.bias, (b) => Math.round(b / accScale));
    const last = l === layers.length - 1;
    // The float activations this layer produces on the calibration inputs.
    const next = activations.map((x) => {
      const h = Array.from(layer.bias);
      for (let i = 0; i < layer.inputs; i++)
        for (let j = 0; j < layer.outputs; j++) h[j] += x[i] * layer.weights[i * layer.outputs + j];
      return last ? h : h.map((v) => Math.max(0, v));
    });
    if (last) {
      out.layers.push({ inputs: layer.inputs, outputs: layer.outputs, weights, bias });
      return;
    }
    const sorted = next
      .flat()
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    const outScale = sorted[Math.min(sorted.length - 1, Math.floor(CALIBRATION_PERCENTILE * sorted.length))] / INT8_MAX;
    const ratio = accScale / outScale;
    const shift = MULTIPLIER_BITS - Math.floor(Math.log2(ratio)) - 1;
    out.layers.push({
      inputs: layer.inputs,
      outputs: layer.outputs,
      weights,
      bias,
      requantize: { multiplier: Math.round(ratio * 2 ** shift), shift },
    });
    activations = next.map((h) => h.map((v) => Math.min(INT8_MAX, Math.round(v / outScale)) * outScale));
    scale = outScale;
  });
  return out;
}
