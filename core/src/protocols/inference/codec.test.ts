import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { encodeFeeds, parseInferenceRequest } from './codec.ts';
import { MAX_DIMS, MAX_TENSORS } from './constants.ts';

const cid = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const feeds = {
  x: { type: 'float32' as const, dims: [1, 3], data: new Float32Array([0.5, -1, 2]) },
  n: { type: 'int64' as const, dims: [1], data: new BigInt64Array([7n]) },
};

describe('the inference codec', () => {
  it('carries tensors as they are, and a task id', () => {
    const request = parseInferenceRequest(
      JSON.parse(JSON.stringify({ type: 'infer', cid, inputs: encodeFeeds(feeds), task: '12' })),
    );
    expect(request.task).toBe(12n);
    expect(Array.from(request.inputs.x.data as Float32Array)).toEqual([0.5, -1, 2]);
    expect(request.inputs.n).toEqual(feeds.n);
  });

  it('refuses tensors whose bytes do not fit their dims, too many dims or tensors, and bad task ids', () => {
    const wire = encodeFeeds(feeds);
    const bad: [unknown, RegExp][] = [
      [{ x: { ...wire.x, dims: [1, 4] } }, /dims \[1, 4\] need 16 bytes of float32, got 12/],
      [{ x: { ...wire.x, dims: Array(MAX_DIMS + 1).fill(1) } }, /at most 8 non-negative integers/],
      [{ x: { ...wire.x, type: 'float64' } }, /must be "float32" or "int64"/],
      [Object.fromEntries(Array.from({ length: MAX_TENSORS + 1 }, (_, i) => [`t${i}`, wire.x])), /1 to 16 tensors/],
      [{}, /1 to 16 tensors/],
    ];
    for (const [inputs, reason] of bad) {
      expect(() => parseInferenceRequest({ type: 'infer', cid, inputs })).toThrow(MalformedMessageError);
      expect(() => parseInferenceRequest({ type: 'infer', cid, inputs })).toThrow(reason);
    }
    expect(() => parseInferenceRequest({ type: 'infer', cid, inputs: wire, task: '-1' })).toThrow(/task id/);
    expect(() => parseInferenceRequest({ type: 'infer', cid: 'x', inputs: wire })).toThrow(/cid is not a CID/);
  });
});
