import { afterAll, describe, expect, it } from 'vitest';
import { releaseCurve, warmCurve } from './bn128-curve.ts';
import { FIELD_ORDER } from './public-signals.ts';
import { sparseMultiExpAffine, type Group } from './sparse-multiexp.ts';

interface TestGroup extends Group {
  g: Uint8Array;
  timesScalar(p: Uint8Array, s: Uint8Array): Uint8Array;
  toAffine(p: Uint8Array): Uint8Array;
  eq(a: Uint8Array, b: Uint8Array): boolean;
}

const le32 = (v: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn));

// Every kind of witness value: zeros, ones, bytes, 64-bit values, full field elements (negatives).
const SCALARS = [
  0n,
  1n,
  0n,
  255n,
  1n,
  256n,
  2n ** 63n,
  2n ** 64n + 5n,
  FIELD_ORDER - 1n,
  0n,
  12345678901234567890123n,
  7n,
  FIELD_ORDER - 580_600n,
];

afterAll(async () => {
  await releaseCurve();
});

describe('multiexps split by scalar size', () => {
  it.each(['G1', 'G2'] as const)('give what the points times their scalars add up to, in %s', async (name) => {
    const curve = (await warmCurve()) as unknown as Record<'G1' | 'G2', TestGroup>;
    const G = curve[name];
    const points = SCALARS.map((_, i) => G.timesScalar(G.g, le32(BigInt(3 * i + 2))));
    const bases = new Uint8Array(points.length * G.F.n8 * 2);
    points.forEach((p, i) => {
      bases.set(G.toAffine(p), i * G.F.n8 * 2);
    });
    const scalars = new Uint8Array(SCALARS.length * 32);
    SCALARS.forEach((s, i) => {
      scalars.set(le32(s), i * 32);
    });
    const expected = points.reduce((sum, p, i) => G.add(sum, G.timesScalar(p, le32(SCALARS[i]))), G.zero);
    const multiExp = sparseMultiExpAffine(G);
    expect(G.eq(await multiExp(bases, scalars), expected)).toBe(true);
    // All zero: the identity.
    expect(G.eq(await multiExp(bases, new Uint8Array(scalars.length)), G.zero)).toBe(true);
  });
});
