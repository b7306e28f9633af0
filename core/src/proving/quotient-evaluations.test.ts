import { readFileSync } from 'node:fs';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { heldOutSet } from '../../../models/digits/dataset.ts';
import { releaseCurve, warmCurve, type Bn128 } from './bn128-curve.ts';
import { provingKey } from './proving-key.ts';
import { quantizeInput, type QuantizedMlp } from './quantized-mlp.ts';
import { quotientEvaluations } from './quotient-evaluations.ts';

const at = (path: string) => new URL(`../../../${path}`, import.meta.url);
const key = provingKey(new Uint8Array(readFileSync(at('circuits/digits/digits.zkey'))));
const quantized = JSON.parse(readFileSync(at('models/digits/digits.quant.json'), 'utf8')) as QuantizedMlp;

afterAll(async () => {
  await releaseCurve();
});

/** The curve as if it had `threads` threads: the work is split that many ways, run on the real ones. */
const withThreads = (curve: Bn128, threads: number): Bn128 => ({
  ...curve,
  tm: { concurrency: threads, queueAction: (task) => curve.tm.queueAction(task) },
});

describe("the quotient's evaluations", () => {
  it('do not depend on how many threads share the domain, even a number that does not divide it', async () => {
    const curve = await warmCurve();
    const calculator = await WitnessCalculatorBuilder(readFileSync(at('circuits/digits/digits.wasm')));
    const wtns = await calculator.calculateWTNSBin(
      { x: quantizeInput(quantized.inputScale, heldOutSet()[3].pixels), salt: 7n },
      false,
    );
    const witness = wtns.subarray(wtns.byteLength - key.nVars * 32);
    const [one, two, three] = await Promise.all(
      [1, 2, 3].map((threads) => quotientEvaluations(withThreads(curve, threads), key, witness)),
    );
    expect(one.byteLength).toBe(key.domainSize * 32);
    expect(one.some((byte) => byte !== 0)).toBe(true);
    expect(Buffer.compare(two, one)).toBe(0);
    expect(Buffer.compare(three, one)).toBe(0);
  });
});
