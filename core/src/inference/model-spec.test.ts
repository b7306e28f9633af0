import { describe, expect, it } from 'vitest';
import { demoModels } from '../../../models/demo-models.ts';
import { elementCount, parseModelSpec } from './model-spec.ts';

describe('parseModelSpec', () => {
  it('round-trips every demo model spec', () => {
    for (const model of demoModels) expect(parseModelSpec(JSON.stringify(model.spec))).toEqual(model.spec);
  });

  it('explains what is wrong with a malformed spec', () => {
    expect(() => parseModelSpec('{not json')).toThrow(/\(json\)/);
    expect(() =>
      parseModelSpec('{"presentation":"hologram","inputs":[],"outputs":[{"name":"y","type":"float32","shape":[0]}]}'),
    ).toThrow(
      new RegExp(
        [
          'presentation: must be one of digit-canvas, speech-activity, tensor',
          'inputs: must be a non-empty list of tensors',
          'outputs\\[0\\]\\.shape\\[0\\]: must be a positive integer',
        ].join('[\\s\\S]*'),
      ),
    );
    const digits = JSON.stringify({ ...demoModels[0].spec, proof: { inputScale: -1 } });
    expect(() => parseModelSpec(digits)).toThrow(/proof\.inputScale: must be a positive number/);
  });
});

describe('elementCount', () => {
  it('multiplies dimensions, binding symbolic ones to the batch', () => {
    expect(elementCount(['batch', 784])).toBe(784);
    expect(elementCount([2, 'batch', 128], 3)).toBe(768);
    expect(elementCount([])).toBe(1);
  });
});
