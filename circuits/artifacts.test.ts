// The committed proving artifacts of every provable model agree with each other and with the
// model, without redoing the ceremony (circuits/setup.ts):
//   - the circuit is what the generator makes of the int8 model, and every file is the one
//     artifacts.json records
//   - the verification key and the verifier contract are what the final key exports
//   - the circuit's witness gives the int8 reference's logits and the input's Poseidon commitment
//     on a few hundred held-out digits; an out-of-range input has no witness
//   - a proof made with the witness .wasm and the .zkey verifies with the key, and a proof whose
//     public signal was changed does not
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import * as snarkjs from 'snarkjs';
import { releaseCurve, warmCurve } from '@permanet/core/proving/bn128-curve';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldOutSet } from '../models/digits/dataset.ts';
import { inputCommitment } from '@permanet/core/proving/input-commitment';
import { packLogits, readPublicSignals } from '@permanet/core/proving/public-signals';
import { quantizedLogits, quantizeInput, type QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import { generateMlpCircuit } from './generate-mlp-circuit.ts';
import { provableModels, root } from './provable-models.ts';
import { verifierContract } from './verifier-contract.ts';

/** Held-out digits whose witness is checked against the reference (every 7th of the 2,004). */
const CHECKED_EVERY = 7;
const SALT = 0x5eed_5a17n;

beforeAll(async () => {
  await warmCurve();
});
afterAll(async () => {
  await releaseCurve();
});

describe.each(provableModels)('the proving artifacts of $name', (model) => {
  const record = JSON.parse(readFileSync(join(root, model.dir, 'artifacts.json'), 'utf8'));
  const file = (name: string) => join(root, record.files[name].path as string);
  const quantized = JSON.parse(readFileSync(join(root, model.quantized), 'utf8')) as QuantizedMlp;

  it('are the generated circuit and the files artifacts.json records', () => {
    expect(readFileSync(file('circuit'), 'utf8')).toBe(generateMlpCircuit(quantized, model.template));
    for (const [name, { bytes, sha256 }] of Object.entries(
      record.files as Record<string, { bytes: number; sha256: string }>,
    )) {
      const content = readFileSync(file(name));
      expect({ name, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') }).toEqual({
        name,
        bytes,
        sha256,
      });
    }
  });

  it('have the verification key and the verifier contract the final key exports', async () => {
    expect(await snarkjs.zKey.exportVerificationKey(file('zkey'))).toEqual(
      JSON.parse(readFileSync(file('verificationKey'), 'utf8')),
    );
    const template = readFileSync(
      join(root, 'node_modules', 'snarkjs', 'templates', 'verifier_groth16.sol.ejs'),
      'utf8',
    );
    const exported = await snarkjs.zKey.exportSolidityVerifier(file('zkey'), { groth16: template });
    expect(readFileSync(file('verifier'), 'utf8')).toBe(verifierContract(exported, model));
  });

  it("compute the int8 reference's logits and the input's commitment on held-out digits, and refuse out-of-range " +
    'inputs', async () => {
    const witness = await WitnessCalculatorBuilder(readFileSync(file('wasm')));
    const digits = heldOutSet().filter((_, i) => i % CHECKED_EVERY === 0);
    const mismatches: number[] = [];
    for (const [n, digit] of digits.entries()) {
      const x = quantizeInput(quantized.inputScale, digit.pixels);
      // Wire 0 is the constant 1; the public outputs follow: the commitment, then the packed logits.
      const w: bigint[] = await witness.calculateWitness({ x, salt: SALT }, true);
      const packed = packLogits(quantizedLogits(quantized, x));
      if (w.slice(2, 2 + packed.length).join() !== packed.join()) mismatches.push(n);
      if (n % 50 === 0) expect(w[1]).toBe(await inputCommitment(x, SALT));
    }
    expect({ checked: digits.length, mismatches }).toEqual({
      checked: Math.ceil(2004 / CHECKED_EVERY),
      mismatches: [],
    });

    const inRange = quantizeInput(quantized.inputScale, digits[0].pixels);
    for (const bad of [128, -129, 1000]) {
      await expect(
        witness.calculateWitness({ x: inRange.map((v, i) => (i === 300 ? bad : v)), salt: SALT }, true),
      ).rejects.toThrow(/Assert Failed/);
    }
  }, 180_000);

  it('prove and verify, and a proof with a changed public signal is rejected', async () => {
    const x = quantizeInput(quantized.inputScale, heldOutSet()[5].pixels);
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(
      { x, salt: SALT.toString() },
      file('wasm'),
      file('zkey'),
    );
    const vk = JSON.parse(readFileSync(file('verificationKey'), 'utf8'));
    expect(readPublicSignals(publicSignals).logits).toEqual(quantizedLogits(quantized, x));
    expect(await snarkjs.groth16.verify(vk, publicSignals, proof)).toBe(true);
    const forged = publicSignals.map((s, i) => (i === 1 ? (BigInt(s) + 1n).toString() : s));
    expect(await snarkjs.groth16.verify(vk, forged, proof)).toBe(false);
  }, 60_000);
});
