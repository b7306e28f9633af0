// The models small enough to prove with Groth16, and where their circuit and proving artifacts
// live. For every other model the network's majority vote (ProofOfInference) is the proof.
import { fileURLToPath } from 'node:url';

export interface ProvableModel {
  /** The model's name in ModelMarketplace. */
  name: string;
  /** The int8 model the circuit is made from (written by the model's training script). */
  quantized: string;
  /** The circom template and the folder (under circuits/) of its circuit and artifacts. */
  template: string;
  dir: string;
  /** The generated Groth16 verifier contract (under contracts/proving/). */
  verifier: string;
}

export const root = fileURLToPath(new URL('..', import.meta.url));

export const provableModels: ProvableModel[] = [
  {
    name: 'permanet-digits',
    quantized: 'models/digits/digits.quant.json',
    template: 'Digits',
    dir: 'circuits/digits',
    verifier: 'DigitsVerifier',
  },
];
