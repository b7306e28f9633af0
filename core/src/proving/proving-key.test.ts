import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { provingKey, ProvingKeyError, zkeySections } from './proving-key.ts';

const digitsKey = () => new Uint8Array(readFileSync(new URL('../../../circuits/digits/digits.zkey', import.meta.url)));

/** The byte offset of section `type`'s contents in a .zkey. */
const sectionOffset = (bytes: Uint8Array, type: number) => zkeySections(bytes).get(type)!.byteOffset - bytes.byteOffset;

describe('reading a proving key', () => {
  it("gives the digit circuit's sizes and one view per section a proof reads", () => {
    const bytes = digitsKey();
    const key = provingKey(bytes);
    expect({
      nVars: key.nVars,
      nPublic: key.nPublic,
      domainSize: key.domainSize,
      terms: key.coefficients.byteLength / 44,
    }).toEqual({ nVars: 12_636, nPublic: 2, domainSize: 16_384, terms: 92_462 });
    expect([key.pointsA, key.pointsB1, key.pointsB2, key.pointsC, key.pointsH].map((p) => p.byteLength)).toEqual([
      12_636 * 64,
      12_636 * 64,
      12_636 * 128,
      12_633 * 64,
      16_384 * 64,
    ]);
    // The points are views of the file; the same bytes are read once.
    expect(key.pointsH.buffer).toBe(bytes.buffer);
    expect(provingKey(bytes)).toBe(key);
  });

  it('refuses what is not a BN254 Groth16 key, saying why', () => {
    const onnx = new Uint8Array(readFileSync(new URL('../../../models/digits/digits.onnx', import.meta.url)));
    expect(() => provingKey(onnx)).toThrow(
      new ProvingKeyError('not a proving key: the file does not start with "zkey"'),
    );
    expect(() => provingKey(digitsKey().slice(0, 5000))).toThrow(/^the proving key is cut short in section \d+$/);

    const plonk = digitsKey();
    plonk[sectionOffset(plonk, 1)] = 2;
    expect(() => provingKey(plonk)).toThrow(new ProvingKeyError('the proving key is not for Groth16'));

    const otherCurve = digitsKey();
    otherCurve[sectionOffset(otherCurve, 2) + 4] ^= 1;
    expect(() => provingKey(otherCurve)).toThrow(new ProvingKeyError('the proving key is not on the BN254 curve'));

    // A header that claims one witness value more than the points hold.
    const mismatched = digitsKey();
    const header = sectionOffset(mismatched, 2);
    new DataView(mismatched.buffer).setUint32(header + 4 + 32 + 4 + 32, 12_637, true);
    expect(() => provingKey(mismatched)).toThrow(
      new ProvingKeyError(`the proving key's section 5 holds ${12_636 * 64} bytes, not ${12_637 * 64}`),
    );
  });
});
