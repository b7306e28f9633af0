// How a proof of inference lays out its public signals: the input's Poseidon commitment, then the
// logits packed LOGITS_PER_SIGNAL to a field element. A Groth16 verifier pays an elliptic-curve
// multiplication (~6,000 gas) per public signal, so ten logits in one element instead of ten
// saves ~60,000 gas a verification. Each logit y sits in its own LOGIT_BITS-bit slot as
// y + LOGIT_OFFSET, slot k of an element at bit LOGIT_BITS · k; a zero slot is empty (the offset
// keeps every logit's slot above zero), so the last element says where the logits end. The
// circuit generator (circuits/generate-mlp-circuit.ts) refuses a model whose logits could leave
// (−LOGIT_OFFSET, LOGIT_OFFSET): the logits are linear in range-checked values, so within that
// bound the packing is unambiguous without a constraint more.

/** The order of BN254's scalar field, where circom's signals live. */
export const FIELD_ORDER = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

export const LOGIT_BITS = 24;
export const LOGIT_OFFSET = 2 ** (LOGIT_BITS - 1);
/** 240 bits of the field's 253. */
export const LOGITS_PER_SIGNAL = 10;

const SLOT_MASK = (1n << BigInt(LOGIT_BITS)) - 1n;
const PACKED_BITS = BigInt(LOGIT_BITS * LOGITS_PER_SIGNAL);

export interface ProvedOutput {
  commitment: bigint;
  logits: number[];
}

/** Logits as the circuit packs them into public signals (what its witness holds after the commitment). */
export function packLogits(logits: readonly number[]): bigint[] {
  if (logits.length === 0) throw new RangeError('there must be at least one logit');
  const packed: bigint[] = [];
  logits.forEach((y, j) => {
    if (!Number.isInteger(y) || Math.abs(y) >= LOGIT_OFFSET)
      throw new RangeError(`logit ${y} does not fit a ${LOGIT_BITS}-bit slot`);
    const slot = j % LOGITS_PER_SIGNAL;
    if (slot === 0) packed.push(0n);
    packed[packed.length - 1] += BigInt(y + LOGIT_OFFSET) << BigInt(LOGIT_BITS * slot);
  });
  return packed;
}

const DECIMAL = /^\d{1,78}$/;

/** Whether `value` is a field element in decimal, as snarkjs writes signals and coordinates. */
export const isFieldElement = (value: unknown): value is string =>
  typeof value === 'string' && DECIMAL.test(value) && BigInt(value) < FIELD_ORDER;

const decimal = (s: string) => {
  if (!DECIMAL.test(s)) throw new RangeError(`public signal ${s.slice(0, 80)} is not a decimal field element`);
  if (!isFieldElement(s)) throw new RangeError(`public signal ${s} is not a field element`);
  return BigInt(s);
};

/** A proof's public signals (decimal strings, as snarkjs gives them) as the commitment and the logits. */
export function readPublicSignals(signals: readonly string[]): ProvedOutput {
  if (signals.length < 2)
    throw new RangeError(`a proof of inference has a commitment and packed logits, not ${signals.length} signals`);
  const [commitment, ...packed] = signals.map(decimal);
  const logits: number[] = [];
  let ended = false;
  packed.forEach((element, e) => {
    if (element >> PACKED_BITS !== 0n)
      throw new RangeError(
        `public signal ${e + 1} is not ${LOGITS_PER_SIGNAL} packed logits: it has bits above ${PACKED_BITS}`,
      );
    for (let slot = 0; slot < LOGITS_PER_SIGNAL; slot++) {
      const value = Number((element >> BigInt(LOGIT_BITS * slot)) & SLOT_MASK);
      if (value === 0) ended = true;
      else if (ended) throw new RangeError(`public signal ${e + 1} has a logit after an empty slot`);
      else logits.push(value - LOGIT_OFFSET);
    }
  });
  if (logits.length === 0) throw new RangeError('the public signals hold no logit');
  return { commitment, logits };
}
