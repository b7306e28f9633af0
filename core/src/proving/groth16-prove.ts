// One Groth16 proof, wherever it runs: the page's proving worker and a relay's CPU prover share
// it. The circuit's witness is computed from the private input by circom's wasm, then the proof
// from the witness and the proving key (a .zkey from snarkjs's setup) on ffjavascript's BN254, the
// curve snarkjs proves with: the same steps as snarkjs's groth16 prover, with the quotient built in
// wasm (quotient-evaluations.ts), the key read once (proving-key.ts), the multi-exponentiations
// split by scalar size (sparse-multiexp.ts) and run together. `onStage` hears each step.
import { WitnessCalculatorBuilder, type WitnessCalculator } from 'circom_runtime';
import { warmCurve, type Bn128, type CurveGroup } from './bn128-curve.ts';
import { littleEndianValue, provingKey, ProvingKeyError, type ProvingKey } from './proving-key.ts';
import { quotientEvaluations } from './quotient-evaluations.ts';
import { sparseMultiExpAffine } from './sparse-multiexp.ts';
import type { ProofInput, ProveResult } from './prover-protocol.ts';
import { PermaNetError, asError } from '../errors/permanet-error.ts';

/** The circuit refuses the input (a value outside int8, or the wrong number of values): no proof can exist for it. */
export class CircuitInputError extends PermaNetError {
  override name = 'CircuitInputError';
}

/** circom's witness code fails an assertion on a value its constraints refuse, and checks each input's length. */
function circuitInputError(error: Error): CircuitInputError | null {
  if (/Assert Failed/.test(error.message))
    return new CircuitInputError("the input is outside the circuit's range (int8): no proof can exist for it");
  const size = /(Not enough|Too many) values for input signal (\w+)/.exec(error.message);
  if (size) return new CircuitInputError(`${size[1].toLowerCase()} values for the circuit's input ${size[2]}`);
  return null;
}

export interface ProvingArtifacts {
  /** circom's witness generator (.wasm). */
  circuit: Uint8Array;
  /** The phase 2 proving key (.zkey). */
  provingKey: Uint8Array;
}

/**
 * circom's witness generator, compiled once per circuit (by the identity of its bytes, which the
 * relay's and the worker's caches keep): compiling its 8 MiB of wasm took longer than running it,
 * and code compiled anew each proof never reaches V8's optimizing tier.
 */
const calculators = new WeakMap<Uint8Array, Promise<WitnessCalculator>>();

function witnessCalculator(circuit: Uint8Array): Promise<WitnessCalculator> {
  let calculator = calculators.get(circuit);
  if (!calculator) {
    calculator = WitnessCalculatorBuilder(circuit);
    calculators.set(circuit, calculator);
    calculator.catch(() => calculators.delete(circuit));
  }
  return calculator;
}

type Decimals = string | Decimals[];
const decimals = (value: unknown): Decimals => (Array.isArray(value) ? value.map(decimals) : String(value));

/** A point in snarkjs's JSON form: affine coordinates as decimal strings, z = 1. */
const pointJson = (group: CurveGroup, point: Uint8Array) => decimals(group.toObject(group.toAffine(point)));

/** Groth16's proof from the witness: π_A, π_B, π_C, each blinded by fresh r and s. */
async function prove(curve: Bn128, key: ProvingKey, witness: Uint8Array, onStage: (stage: number) => void) {
  const { Fr, G1, G2 } = curve;
  onStage(1);
  const h = await quotientEvaluations(curve, key, witness);
  onStage(2);
  const [multiExp1, multiExp2] = [sparseMultiExpAffine(G1), sparseMultiExpAffine(G2)];
  const [a, b1, b2, c, hSum] = await Promise.all([
    multiExp1(key.pointsA, witness),
    multiExp1(key.pointsB1, witness),
    multiExp2(key.pointsB2, witness),
    multiExp1(key.pointsC, witness.subarray((key.nPublic + 1) * Fr.n8)),
    multiExp1(key.pointsH, h),
  ]);
  const [alpha1, beta1, delta1] = [key.alpha1, key.beta1, key.delta1].map((p) => G1.fromRprLEM(p, 0));
  const [beta2, delta2] = [key.beta2, key.delta2].map((p) => G2.fromRprLEM(p, 0));
  const r = Fr.random();
  const s = Fr.random();
  const piA = G1.add(G1.add(a, alpha1), G1.timesFr(delta1, r));
  const piB = G2.add(G2.add(b2, beta2), G2.timesFr(delta2, s));
  const piB1 = G1.add(G1.add(b1, beta1), G1.timesFr(delta1, s));
  let piC = G1.add(c, hSum);
  piC = G1.add(piC, G1.timesFr(piA, s));
  piC = G1.add(piC, G1.timesFr(piB1, r));
  piC = G1.add(piC, G1.timesFr(delta1, Fr.neg(Fr.mul(r, s))));
  const publicSignals = Array.from({ length: key.nPublic }, (_, i) =>
    littleEndianValue(witness.subarray((i + 1) * Fr.n8, (i + 2) * Fr.n8)).toString(),
  );
  return {
    proof: {
      pi_a: pointJson(G1, piA) as string[],
      pi_b: pointJson(G2, piB) as string[][],
      pi_c: pointJson(G1, piC) as string[],
      protocol: 'groth16',
      curve: 'bn128',
    },
    publicSignals,
  };
}

export async function proveGroth16(
  artifacts: ProvingArtifacts,
  input: ProofInput,
  onStage: (stage: number) => void = () => {},
): Promise<ProveResult> {
  const curve = await warmCurve();
  const key = provingKey(artifacts.provingKey);
  onStage(0);
  const started = performance.now();
  const calculator = await witnessCalculator(artifacts.circuit);
  if (calculator.witnessSize !== key.nVars)
    throw new ProvingKeyError(
      `the proving key is for another circuit: it takes ${key.nVars} witness values, the circuit makes ` +
        `${calculator.witnessSize}`,
    );
  let wtns: Uint8Array;
  try {
    wtns = await calculator.calculateWTNSBin({ x: input.x, salt: BigInt(input.salt) }, false);
  } catch (error) {
    throw circuitInputError(asError(error)) ?? error;
  }
  // The .wtns file's last section is the values, 32 bytes each.
  const witness = wtns.subarray(wtns.byteLength - key.nVars * curve.Fr.n8);
  const witnessMs = performance.now() - started;
  const { proof, publicSignals } = await prove(curve, key, witness, onStage);
  return { proof, publicSignals, witnessMs, proveMs: performance.now() - started - witnessMs };
}
