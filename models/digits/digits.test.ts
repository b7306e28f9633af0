// The shipped digit classifier, checked with onnxruntime-node on the held-out digits it was
// not trained on: the accuracy the training script promised.
import ort from 'onnxruntime-node';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heldOutSet, PIXELS } from './dataset.ts';

describe('models/digits/digits.onnx', () => {
  it('classifies at least 95% of the 2,004 held-out digits correctly', async () => {
    const session = await ort.InferenceSession.create(fileURLToPath(new URL('./digits.onnx', import.meta.url)));
    const test = heldOutSet();
    const input = new Float32Array(test.length * PIXELS);
    test.forEach((d, i) => input.set(d.pixels, i * PIXELS));
    const { probabilities } = await session.run({ pixels: new ort.Tensor('float32', input, [test.length, PIXELS]) });
    const p = probabilities.data as Float32Array;
    let correct = 0;
    test.forEach((d, i) => {
      const row = Array.from(p.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === d.label) correct++;
    });
    expect(correct / test.length).toBeGreaterThanOrEqual(0.95);
  });
});
