// Messages between the page and the proving worker.
import type { Groth16Proof } from './groth16-calldata.ts';

/** The circuit's private inputs: the int8 input and the commitment's salt (a decimal field element). */
export interface ProofInput {
  x: number[];
  salt: string;
}

export interface ProveResult {
  proof: Groth16Proof;
  /** Decimal strings: the input's commitment, then the logits. */
  publicSignals: string[];
  witnessMs: number;
  proveMs: number;
}

/** The steps of a proof, in order, as the worker reports them. */
export const PROVING_STAGES = [
  'witness',
  // A, B and C from the witness, moved to the odd coset: H's scalars
  'quotient polynomial',
  'multi-exponentiations',
] as const;

/**
 * A proof. The worker keeps the artifacts it was last sent, under `artifactsId` (their CIDs), with
 * the circuit's witness generator compiled; `artifacts` comes only when the worker holds others.
 */
export type ProverRequest = {
  id: number;
  type: 'prove';
  artifactsId: string;
  artifacts?: { circuit: Uint8Array; provingKey: Uint8Array };
  input: ProofInput;
};

export type ProverResponse =
  | { id: number; type: 'progress'; stage: number }
  | { id: number; type: 'done'; ok: true; result: ProveResult }
  | { id: number; type: 'done'; ok: false; error: { name: string; message: string } };
