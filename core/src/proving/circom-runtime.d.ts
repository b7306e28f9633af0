// circom_runtime (the witness calculator snarkjs uses) ships no types: what this project calls.
declare module 'circom_runtime' {
  export interface WitnessCalculator {
    /** How many values the witness holds, the constant 1 included. */
    readonly witnessSize: number;
    /** The witness: wire 0 is the constant 1, then the public outputs, public inputs, private wires. */
    calculateWitness(input: Record<string, unknown>, sanityCheck: boolean): Promise<bigint[]>;
    /** The witness as a .wtns file, what a Groth16 prover reads. */
    calculateWTNSBin(input: Record<string, unknown>, sanityCheck: boolean): Promise<Uint8Array>;
  }
  export function WitnessCalculatorBuilder(
    code: Uint8Array,
    options?: Record<string, unknown>,
  ): Promise<WitnessCalculator>;
}
