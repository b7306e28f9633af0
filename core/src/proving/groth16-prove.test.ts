import { readFileSync } from 'node:fs';
import * as snarkjs from 'snarkjs';
import { afterAll, describe, expect, it } from 'vitest';
import { heldOutSet } from '../../../models/digits/dataset.ts';
import { releaseCurve } from './bn128-curve.ts';
import { CircuitInputError, proveGroth16 } from './groth16-prove.ts';
import { inputCommitment } from './input-commitment.ts';
import { ProvingKeyError, zkeySections } from './proving-key.ts';
import { packLogits } from './public-signals.ts';
import { quantizedLogits, quantizeInput, type QuantizedMlp } from './quantized-mlp.ts';

const at = (path: string) => new URL(`../../../${path}`, import.meta.url);
const artifacts = {
  circuit: new Uint8Array(readFileSync(at('circuits/digits/digits.wasm'))),
  provingKey: new Uint8Array(readFileSync(at('circuits/digits/digits.zkey'))),
};
const verificationKey = JSON.parse(readFileSync(at('circuits/digits/verification_key.json'), 'utf8'));
const quantized = JSON.parse(readFileSync(at('models/digits/digits.quant.json'), 'utf8')) as QuantizedMlp;
const x = quantizeInput(quantized.inputScale, heldOutSet()[11].pixels);
const SALT = 0x1234_5678n;

afterAll(async () => {
  await releaseCurve();
});

/**
 * The key with its header's witness count and its per-value sections grown by one value: consistent, but for another
 * circuit.
 */
function keyForOneMoreValue(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 12)];
  const grow: Record<number, number> = { 5: 64, 6: 64, 7: 128, 8: 64 };
  for (const [type, section] of zkeySections(bytes)) {
    const content = new Uint8Array(section.byteLength + (grow[type] ?? 0));
    content.set(section);
    if (type === 2) {
      const nVars = 4 + 32 + 4 + 32;
      new DataView(content.buffer).setUint32(
        nVars,
        new DataView(section.buffer, section.byteOffset).getUint32(nVars, true) + 1,
        true,
      );
    }
    const head = new DataView(new ArrayBuffer(12));
    head.setUint32(0, type, true);
    head.setBigUint64(4, BigInt(content.byteLength), true);
    parts.push(new Uint8Array(head.buffer), content);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

describe('a Groth16 proof of the digit circuit', () => {
  it(
    "verifies with the circuit's key, with the input's commitment and the int8 model's logits as its public " +
      'signals',
    async () => {
      const { proof, publicSignals, witnessMs, proveMs } = await proveGroth16(artifacts, { x, salt: SALT.toString() });
      expect(publicSignals).toEqual([
        (await inputCommitment(x, SALT)).toString(),
        ...packLogits(quantizedLogits(quantized, x)).map(String),
      ]);
      expect(await snarkjs.groth16.verify(verificationKey, publicSignals, proof as never)).toBe(true);
      expect(
        await snarkjs.groth16.verify(
          verificationKey,
          [publicSignals[0], (BigInt(publicSignals[1]) + 1n).toString()],
          proof as never,
        ),
      ).toBe(false);
      expect(witnessMs).toBeGreaterThan(0);
      expect(proveMs).toBeGreaterThan(0);
    },
  );

  it('is blinded afresh each time: two proofs of one input differ, and both verify', async () => {
    const stages: number[] = [];
    const first = await proveGroth16(artifacts, { x, salt: SALT.toString() }, (stage) => stages.push(stage));
    const second = await proveGroth16(artifacts, { x, salt: SALT.toString() });
    expect(stages).toEqual([0, 1, 2]);
    expect(second.publicSignals).toEqual(first.publicSignals);
    expect(second.proof.pi_a).not.toEqual(first.proof.pi_a);
    expect(second.proof.pi_c).not.toEqual(first.proof.pi_c);
    expect(await snarkjs.groth16.verify(verificationKey, second.publicSignals, second.proof as never)).toBe(true);
  });

  it('refuses an input outside int8, and a key made for another circuit', async () => {
    await expect(proveGroth16(artifacts, { x: x.map((v, i) => (i === 40 ? 128 : v)), salt: '1' })).rejects.toThrow(
      CircuitInputError,
    );
    await expect(
      proveGroth16({ ...artifacts, provingKey: keyForOneMoreValue(artifacts.provingKey) }, { x, salt: '1' }),
    ).rejects.toThrow(
      new ProvingKeyError(
        'the proving key is for another circuit: it takes 12637 witness values, the circuit makes 12636',
      ),
    );
  });
});
