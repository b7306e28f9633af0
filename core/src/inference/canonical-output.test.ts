import { keccak256, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalOutput, canonicalRuleOf, CanonicalOutputError } from './canonical-output.ts';
import { parseModelSpec, type ModelSpec } from './model-spec.ts';

const tensor = (values: number[]) => ({
  type: 'float32' as const,
  dims: [1, values.length],
  data: Float32Array.from(values),
});
const digits: ModelSpec = {
  presentation: 'digit-canvas',
  inputs: [{ name: 'pixels', type: 'float32', shape: [1, 784] }],
  outputs: [{ name: 'probabilities', type: 'float32', shape: [1, 10] }],
};

describe('canonical outputs', () => {
  it(
    'reduces a classifier to its top class and probability at two decimals, so backends that differ in the last bits ' +
      'agree',
    () => {
      const wasm = { probabilities: tensor([0.001, 0.97612345, 0.02]) };
      const webgpu = { probabilities: tensor([0.00099, 0.97612401, 0.02001]) };
      expect(canonicalOutput(wasm, canonicalRuleOf(digits), 'probabilities')).toBe('1:0.98');
      expect(canonicalHash(wasm, digits)).toBe(canonicalHash(webgpu, digits));
      expect(canonicalHash(wasm, digits)).toBe(keccak256(toHex('1:0.98')));
      expect(canonicalHash({ probabilities: tensor([0.6, 0.4, 0]) }, digits)).not.toBe(canonicalHash(wasm, digits));
    },
  );

  it('rounds named outputs half away from zero, with no negative zero', () => {
    const rule = { kind: 'rounded' as const, outputs: ['scores'], decimals: 2 };
    expect(canonicalOutput({ scores: tensor([0.125, -0.125, -0.001, 2]) }, rule, 'scores')).toBe(
      'scores=0.13,-0.13,0.00,2.00',
    );
  });

  it('refuses non-finite values and missing outputs', () => {
    expect(() =>
      canonicalOutput(
        { scores: tensor([Number.NaN]) },
        { kind: 'rounded', outputs: ['scores'], decimals: 2 },
        'scores',
      ),
    ).toThrow(CanonicalOutputError);
    expect(() => canonicalOutput({}, { kind: 'top-class', decimals: 2 }, 'probabilities')).toThrow(
      'the output "probabilities" the rule names is missing',
    );
  });

  it('reads a declared rule from the spec and checks the outputs it names', () => {
    const json = (canonical: unknown) => JSON.stringify({ ...digits, canonical });
    expect(parseModelSpec(json({ kind: 'rounded', outputs: ['probabilities'], decimals: 3 })).canonical).toEqual({
      kind: 'rounded',
      outputs: ['probabilities'],
      decimals: 3,
    });
    expect(() => parseModelSpec(json({ kind: 'rounded', outputs: ['logits'], decimals: 3 }))).toThrow(
      'canonical.outputs[0]: names no output of the model: logits',
    );
    expect(() => parseModelSpec(json({ kind: 'median', decimals: 12 }))).toThrow(
      /canonical.decimals[\s\S]*canonical.kind: must be "top-class" or "rounded"/,
    );
  });
});
