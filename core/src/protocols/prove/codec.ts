// /permanet/prove/1.0.0: a tab that would rather not prove itself (a weak phone) asks a relay to
// make the Groth16 proof of a run for it. The request names the model version, whose prover
// ModelMarketplace records, and carries the circuit's private input; the relay answers with the
// proof and its public signals, which the tab checks on-chain as it would its own. One request and
// one response per stream, length-prefixed JSON (json-stream.ts).
//
// The relay sees the input and the salt: the commitment keeps the input from the chain, not from
// the prover a tab chooses to trust with it.
import type { Groth16Proof } from '../../proving/groth16-calldata.ts';
import type { ProofInput } from '../../proving/prover-protocol.ts';
import { isFieldElement } from '../../proving/public-signals.ts';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { MAX_PROOF_INPUTS } from './constants.ts';

export interface ProveRequest {
  type: 'prove';
  model: bigint;
  version: number;
  input: ProofInput;
}

export const PROVE_ERROR_CODES = [
  'malformed',
  'unknown-prover',
  'bad-input',
  'rate-limited',
  'busy',
  /** The witness or the proof ran past the relay's time or memory limit. */
  'over-limit',
  'internal',
] as const;
export type ProveErrorCode = (typeof PROVE_ERROR_CODES)[number];

export interface RemoteProof {
  proof: Groth16Proof;
  /** Decimal strings: the input's commitment, then the outputs. */
  publicSignals: string[];
  witnessMs: number;
  proveMs: number;
  /** How long the request waited behind other proofs. */
  queuedMs: number;
  /** What made the proof: "snarkjs-cpu", or a GPU or FPGA prover's name. */
  backend: string;
}

export type ProveResponse = ({ ok: true } & RemoteProof) | { ok: false; code: ProveErrorCode; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const encodeProveRequest = (request: ProveRequest) => ({ ...request, model: request.model.toString() });

export function parseProveRequest(value: unknown): ProveRequest {
  if (!isObject(value)) throw new MalformedMessageError('a prove request must be a JSON object');
  if (value.type !== 'prove') throw new MalformedMessageError('a prove request has type "prove"');
  if (typeof value.model !== 'string' || !/^\d{1,78}$/.test(value.model))
    throw new MalformedMessageError('model must be a model id in decimal');
  if (!Number.isSafeInteger(value.version) || (value.version as number) < 0)
    throw new MalformedMessageError('version must be a version number');
  const input = value.input;
  if (!isObject(input)) throw new MalformedMessageError('input must be an object with x and salt');
  if (
    !Array.isArray(input.x) ||
    input.x.length === 0 ||
    input.x.length > MAX_PROOF_INPUTS ||
    !input.x.every((v) => Number.isSafeInteger(v))
  ) {
    throw new MalformedMessageError(`input.x must be a list of 1 to ${MAX_PROOF_INPUTS} integers`);
  }
  if (!isFieldElement(input.salt)) throw new MalformedMessageError('input.salt must be a field element in decimal');
  return {
    type: 'prove',
    model: BigInt(value.model),
    version: value.version as number,
    input: { x: input.x as number[], salt: input.salt },
  };
}

function parseProof(value: unknown): Groth16Proof {
  const point = (v: unknown, length: number) => Array.isArray(v) && v.length === length && v.every(isFieldElement);
  if (
    !isObject(value) ||
    !point(value.pi_a, 3) ||
    !point(value.pi_c, 3) ||
    !Array.isArray(value.pi_b) ||
    value.pi_b.length !== 3 ||
    !value.pi_b.every((pair) => point(pair, 2))
  ) {
    throw new MalformedMessageError('proof must be a Groth16 proof (pi_a, pi_b, pi_c of decimal coordinates)');
  }
  return { pi_a: value.pi_a as string[], pi_b: value.pi_b as string[][], pi_c: value.pi_c as string[] };
}

export function parseProveResponse(value: unknown): ProveResponse {
  const m = isObject(value) ? value : {};
  if (m.ok === false && PROVE_ERROR_CODES.includes(m.code as ProveErrorCode) && typeof m.message === 'string')
    return { ok: false, code: m.code as ProveErrorCode, message: m.message };
  if (m.ok !== true) throw new MalformedMessageError('not a prove response');
  if (!Array.isArray(m.publicSignals) || m.publicSignals.length === 0 || !m.publicSignals.every(isFieldElement))
    throw new MalformedMessageError('publicSignals must be a list of field elements in decimal');
  for (const field of ['witnessMs', 'proveMs', 'queuedMs'] as const)
    if (typeof m[field] !== 'number' || !Number.isFinite(m[field]))
      throw new MalformedMessageError(`${field} must be a number`);
  if (typeof m.backend !== 'string') throw new MalformedMessageError('backend must be a string');
  return {
    ok: true,
    proof: parseProof(m.proof),
    publicSignals: m.publicSignals as string[],
    witnessMs: m.witnessMs as number,
    proveMs: m.proveMs as number,
    queuedMs: m.queuedMs as number,
    backend: m.backend.slice(0, 64),
  };
}
