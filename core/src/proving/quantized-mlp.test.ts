import { describe, expect, it } from 'vitest';
import { argmax, quantizedLogits, quantizeInput, requantize, type QuantizedMlp } from './quantized-mlp.ts';

// 2 inputs → 2 hidden (ReLU, requantized by 3/4: multiplier 3, shift 2) → 2 logits.
const tiny: QuantizedMlp = {
  inputScale: 1 / 127,
  layers: [
    { inputs: 2, outputs: 2, weights: [1, -1, 2, 1], bias: [0, 5], requantize: { multiplier: 3, shift: 2 } },
    { inputs: 2, outputs: 2, weights: [1, 0, -2, 1], bias: [1, -3] },
  ],
};

describe('the int8 MLP reference', () => {
  it('quantizes inputs by rounding to the scale and clamping to int8', () => {
    expect(quantizeInput(tiny.inputScale, [0, 1, 0.5, -1, 2, -2])).toEqual([0, 127, 64, -127, 127, -128]);
  });

  it('requantizes: ReLU, fixed-point multiply, round half up, clamp to 127', () => {
    const m = { multiplier: 3, shift: 2 };
    expect(requantize(-50, m)).toBe(0);
    expect(requantize(0, m)).toBe(0);
    expect(requantize(1, m)).toBe(1); // 3/4 rounds up
    expect(requantize(2, m)).toBe(2); // 6/4 = 1.5 rounds half up
    expect(requantize(5, m)).toBe(4); // 15/4 = 3.75
    expect(requantize(1000, m)).toBe(127);
  });

  it('computes integer logits layer by layer', () => {
    // hidden acc = [10·1 + 20·2, 10·(−1) + 20·1 + 5] = [50, 15] → requantized [floor(152/4), floor(47/4)] = [38, 11]
    // logits = [1 + 38·1 + 11·(−2), −3 + 38·0 + 11·1] = [17, 8]
    expect(quantizedLogits(tiny, [10, 20])).toEqual([17, 8]);
    expect(argmax([17, 8])).toBe(0);
    expect(argmax([1, 5, 5])).toBe(1);
  });

  it('refuses an input of the wrong length', () => {
    expect(() => quantizedLogits(tiny, [1, 2, 3])).toThrow('the layer takes 2 values, not 3');
  });
});
