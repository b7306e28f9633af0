import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { denseGraphToOnnx } from './onnx-graph.ts';

describe('denseGraphToOnnx', () => {
  it('writes a graph that onnxruntime-node loads and computes as the layers say', async () => {
    // 3 → 2 (ReLU) → 2 (softmax), small enough to compute by hand.
    const W0 = Float32Array.from([1, -1, 0.5, 2, -2, 0]); // 3×2, row-major
    const b0 = Float32Array.from([0.1, -0.3]);
    const W1 = Float32Array.from([1, 0, 0, 1]);
    const b1 = Float32Array.from([0, 0]);
    const bytes = denseGraphToOnnx({
      name: 'tiny',
      inputName: 'x',
      outputName: 'y',
      layers: [
        { weights: W0, bias: b0, inputs: 3, outputs: 2, activation: 'relu' },
        { weights: W1, bias: b1, inputs: 2, outputs: 2, activation: 'softmax' },
      ],
    });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['x']);
    expect(session.outputNames).toEqual(['y']);
    const x = [1, 2, 3];
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from(x), [1, 3]) });
    const hidden = [0, 1].map((j) =>
      Math.max(
        0,
        x.reduce((s, xi, i) => s + xi * W0[i * 2 + j], b0[j]),
      ),
    );
    const exp = hidden.map(Math.exp);
    const expected = exp.map((e) => e / (exp[0] + exp[1]));
    expect(y.dims).toEqual([1, 2]);
    Array.from(y.data as Float32Array).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 6);
    });
  });

  it('accepts any batch size (the batch dimension is symbolic)', async () => {
    const bytes = denseGraphToOnnx({
      name: 't',
      inputName: 'x',
      outputName: 'y',
      layers: [{ weights: new Float32Array(4), bias: new Float32Array(2), inputs: 2, outputs: 2, activation: 'none' }],
    });
    const session = await ort.InferenceSession.create(bytes);
    const { y } = await session.run({ x: new ort.Tensor('float32', new Float32Array(10), [5, 2]) });
    expect(y.dims).toEqual([5, 2]);
  });
});
