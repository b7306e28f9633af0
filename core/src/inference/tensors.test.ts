import { describe, expect, it } from 'vitest';
import type { ModelSpec } from './model-spec.ts';
import { checkFeeds, float32Tensor, InputShapeError } from './tensors.ts';

const digits: ModelSpec = {
  presentation: 'digit-canvas',
  inputs: [{ name: 'pixels', type: 'float32', shape: ['batch', 784] }],
  outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 10] }],
};

describe('checkFeeds', () => {
  it('accepts a tensor of the declared shape with any batch size', () => {
    expect(() =>
      checkFeeds(digits, { pixels: { type: 'float32', data: new Float32Array(784 * 3), dims: [3, 784] } }),
    ).not.toThrow();
  });

  it('names the input, the expected shape and what it got', () => {
    const call = () => checkFeeds(digits, { pixels: { type: 'float32', data: new Float32Array(783), dims: [1, 783] } });
    expect(call).toThrow(InputShapeError);
    expect(call).toThrow('pixels: expected shape [batch, 784], got [1, 783]');
  });

  it('catches data that does not fill its dims, a wrong type, a missing and an unknown input', () => {
    const error = (() => {
      try {
        checkFeeds(digits, {
          pixels: { type: 'float32', data: new Float32Array(10), dims: [1, 784] },
          extra: { type: 'float32', data: new Float32Array(1), dims: [1] },
        });
      } catch (e) {
        return e as InputShapeError;
      }
    })();
    expect(error?.problems).toEqual([
      'pixels: shape [1, 784] needs 784 values, got 10',
      'extra: the model has no such input',
    ]);
    expect(() => checkFeeds(digits, {})).toThrow('pixels: missing');
    expect(() =>
      checkFeeds(digits, { pixels: { type: 'int64', data: new BigInt64Array(784), dims: [1, 784] } }),
    ).toThrow('expected float32, got int64');
  });
});

describe('float32Tensor', () => {
  it('binds symbolic dimensions to the batch size', () => {
    expect(float32Tensor(digits.inputs[0], new Float32Array(784)).dims).toEqual([1, 784]);
    expect(float32Tensor(digits.inputs[0], new Float32Array(784 * 2), 2).dims).toEqual([2, 784]);
  });

  it('refuses data of the wrong length before it reaches the worker', () => {
    expect(() => float32Tensor(digits.inputs[0], new Float32Array(100))).toThrow(
      'pixels: shape [1, 784] needs 784 values, got 100',
    );
  });
});
