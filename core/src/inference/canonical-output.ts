// The canonical form of a model's output, which providers hash, commit and reveal. Floating-point
// backends disagree in the last bits (WebGPU, WASM and onnxruntime-node give different Silero
// outputs), so an output is reduced to what the spec says counts, at the precision it declares:
//   - "top-class": the index of the largest value of the first output and that value, rounded
//     to `decimals` (a classifier: "7:0.98");
//   - "rounded": every value of the named outputs, rounded to `decimals`.
// Rounding is half away from zero on value × 10^decimals, and -0 is 0. Two honest backends can
// still straddle a rounding boundary (0.98499… against 0.98500…): such a task finds no majority
// and is refunded, which the network accepts as the cost of comparing floats.
import { keccak256, toHex, type Hex } from 'viem';
import type { Feeds } from './tensors.ts';
import type { ModelSpec } from './model-spec.ts';
import { PermaNetError } from '../errors/permanet-error.ts';

export type CanonicalRule =
  | { kind: 'top-class'; decimals: number }
  | { kind: 'rounded'; outputs: string[]; decimals: number };

export class CanonicalOutputError extends PermaNetError {
  override name = 'CanonicalOutputError';
}

/** The rule a spec declares, or the default for its presentation. */
export function canonicalRuleOf(spec: ModelSpec): CanonicalRule {
  if (spec.canonical) return spec.canonical;
  if (spec.presentation === 'digit-canvas') return { kind: 'top-class', decimals: 2 };
  return { kind: 'rounded', outputs: [spec.outputs[0].name], decimals: 3 };
}

const round = (value: number, decimals: number) => {
  if (!Number.isFinite(value))
    throw new CanonicalOutputError(`an output value is ${value}; only finite values have a canonical form`);
  const scaled = Math.round(Math.abs(value) * 10 ** decimals) * Math.sign(value);
  return (scaled === 0 ? 0 : scaled / 10 ** decimals).toFixed(decimals);
};

const valuesOf = (outputs: Feeds, name: string): number[] => {
  const tensor = outputs[name];
  if (!tensor) throw new CanonicalOutputError(`the output "${name}" the rule names is missing`);
  return Array.from(tensor.data as ArrayLike<number | bigint>, Number);
};

/** The canonical text of an output under `rule`. */
export function canonicalOutput(outputs: Feeds, rule: CanonicalRule, firstOutput: string): string {
  if (rule.kind === 'top-class') {
    const values = valuesOf(outputs, firstOutput);
    if (values.length === 0) throw new CanonicalOutputError(`the output "${firstOutput}" is empty`);
    let best = 0;
    for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
    return `${best}:${round(values[best], rule.decimals)}`;
  }
  return rule.outputs
    .map(
      (name) =>
        `${name}=${valuesOf(outputs, name)
          .map((v) => round(v, rule.decimals))
          .join(',')}`,
    )
    .join(';');
}

/** The hash a provider commits to: keccak-256 of the canonical text. */
export const canonicalHash = (outputs: Feeds, spec: ModelSpec): Hex =>
  keccak256(toHex(canonicalOutput(outputs, canonicalRuleOf(spec), spec.outputs[0].name)));
