import { describe, expect, it } from 'vitest';
import { parseModelSpec } from '@permanet/core/inference/model-spec';
import { presentationsFor, specFromModel, UnsupportedModelError } from './spec-from-model.ts';

const digits = {
  inputs: [{ name: 'pixels', type: 'float32', shape: ['batch', 1, 28, 28] }],
  outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 10] }],
};
const vad = {
  inputs: [
    { name: 'input', type: 'float32', shape: ['', ''] },
    { name: 'state', type: 'float32', shape: [2, '', 128] },
    { name: 'sr', type: 'int64', shape: [] },
  ],
  outputs: [
    { name: 'output', type: 'float32', shape: ['', 1] },
    { name: 'stateN', type: 'float32', shape: [2, '', 128] },
  ],
};

describe('specFromModel', () => {
  it('offers the presentations that fit the inputs, the generic one always', () => {
    expect(presentationsFor(digits)).toEqual(['digit-canvas', 'tensor']);
    expect(presentationsFor(vad)).toEqual(['speech-activity', 'tensor']);
    expect(presentationsFor({ inputs: [{ name: 'x', type: 'float32', shape: [3] }], outputs: digits.outputs })).toEqual(
      ['tensor'],
    );
  });

  it('writes a spec the registration parser accepts, naming unnamed dimensions', () => {
    const spec = specFromModel(vad, 'speech-activity');
    expect(spec.inputs[0].shape).toEqual(['dim0', 'dim1']);
    expect(parseModelSpec(JSON.stringify(spec))).toEqual(spec);
    expect(specFromModel(digits, 'digit-canvas', ['zero', 'one']).labels).toEqual(['zero', 'one']);
  });

  it('refuses element types the app cannot feed and presentations that do not fit', () => {
    expect(() =>
      specFromModel({ inputs: [{ name: 'image', type: 'uint8', shape: [1, 3] }], outputs: digits.outputs }, 'tensor'),
    ).toThrow(
      new UnsupportedModelError('The input "image" is uint8; published models take and give float32 or int64 tensors.'),
    );
    expect(() => specFromModel(vad, 'digit-canvas')).toThrow('do not fit the "digit-canvas" presentation');
  });
});
