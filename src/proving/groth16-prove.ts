// One Groth16 proof with snarkjs, wherever it runs: the page's proving worker and a relay's CPU
// prover share it. The circuit's witness is computed from the private input by circom's wasm,
// then the proof from the witness and the proving key; `onStage` hears each step as snarkjs goes.
import { WitnessCalculatorBuilder, type WitnessCalculator } from 'circom_runtime';
import * as snarkjs from 'snarkjs';
import { warmCurve } from './bn128-curve.ts';
import { PROVING_STAGES, type ProofInput, type ProveResult } from './prover-protocol.ts';

/** The circuit refuses the input (a value outside int8, or the wrong number of values): no proof can exist for it. */
export class CircuitInputError extends Error {
  override name = 'CircuitInputError';
}

/** circom's witness code fails an assertion on a value its constraints refuse, and checks each input's length. */
function circuitInputError(error: Error): CircuitInputError | null {
  if (/Assert Failed/.test(error.message)) return new CircuitInputError("the input is outside the circuit's range (int8): no proof can exist for it");
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

export async function proveGroth16(artifacts: ProvingArtifacts, input: ProofInput, onStage: (stage: number) => void = () => {}): Promise<ProveResult> {
  await warmCurve();
  onStage(0);
  const started = performance.now();
  let witness: Uint8Array;
  try {
    witness = await (await witnessCalculator(artifacts.circuit)).calculateWTNSBin({ x: input.x, salt: BigInt(input.salt) }, false);
  } catch (error) {
    throw circuitInputError(error as Error) ?? error;
  }
  const witnessMs = performance.now() - started;
  const logger = {
    debug(message: string) {
      const stage = PROVING_STAGES.indexOf(message as (typeof PROVING_STAGES)[number]);
      if (stage > 0) onStage(stage);
    },
    info() {},
    warn() {},
    error() {},
  };
  const { proof, publicSignals } = await snarkjs.groth16.prove({ type: 'mem', data: artifacts.provingKey } as never, { type: 'mem', data: witness } as never, logger as never);
  return { proof: proof as never, publicSignals, witnessMs, proveMs: performance.now() - started - witnessMs };
}
