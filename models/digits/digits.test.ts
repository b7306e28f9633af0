// The shipped digit classifier, checked with onnxruntime-node on the held-out digits it was
// not trained on (the accuracy the training script promised), and retrained from scratch along
// with its int8 version for proving.
import ort from 'onnxruntime-node';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heldOutSet, PIXELS } from './dataset.ts';

describe('models/digits/digits.onnx', () => {
  it('classifies at least 95% of the 2,004 held-out digits correctly', async () => {
    const session = await ort.InferenceSession.create(fileURLToPath(new URL('./digits.onnx', import.meta.url)));
    const test = heldOutSet();
    const input = new Float32Array(test.length * PIXELS);
    test.forEach((d, i) => {
      input.set(d.pixels, i * PIXELS);
    });
    const { probabilities } = await session.run({ pixels: new ort.Tensor('float32', input, [test.length, PIXELS]) });
    const p = probabilities.data as Float32Array;
    let correct = 0;
    test.forEach((d, i) => {
      const row = Array.from(p.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === d.label) correct++;
    });
    expect(correct / test.length).toBeGreaterThanOrEqual(0.95);
  });

  it('is exactly what the training script writes, with its int8 version as accurate as the float one to within a ' +
    'point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digits-'));
    const [out, quantized] = [join(dir, 'digits.onnx'), join(dir, 'digits.quant.json')];
    const log = execFileSync(
      process.execPath,
      [fileURLToPath(new URL('./train.ts', import.meta.url)), '--out', out, '--quantized-out', quantized],
      { encoding: 'utf8' },
    );
    expect(log).toMatch(/held-out accuracy 9\d\.\d\d% on 2004 digits/);
    const [, int8, float] = log.match(/int8 version: held-out accuracy (\d+\.\d+)% \(float (\d+\.\d+)%\)/)!.map(Number);
    expect(int8).toBeGreaterThanOrEqual(95);
    expect(Math.abs(int8 - float)).toBeLessThanOrEqual(1);
    expect(readFileSync(out).equals(readFileSync(fileURLToPath(new URL('./digits.onnx', import.meta.url))))).toBe(true);
    expect(
      readFileSync(quantized).equals(readFileSync(fileURLToPath(new URL('./digits.quant.json', import.meta.url)))),
    ).toBe(true);
  }, 180_000);
});
