// Public signals are elements of BN254's scalar field: a negative logit y comes out as p − |y|.
// These turn them back into signed integers and read a proof's signals as the circuits lay them
// out: the input's commitment first, then the logits.

/** The order of BN254's scalar field, where circom's signals live. */
export const FIELD_ORDER = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** A field element as a signed integer: the upper half of the field holds the negatives. */
export function fromField(value: bigint): number {
  if (value < 0n || value >= FIELD_ORDER) throw new RangeError(`${value} is not a field element`);
  const signed = value > FIELD_ORDER / 2n ? value - FIELD_ORDER : value;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${signed} is too large for a logit`);
  return Number(signed);
}

export interface ProvedOutput {
  commitment: bigint;
  logits: number[];
}

/** A proof's public signals (decimal strings, as snarkjs gives them) as the commitment and the logits. */
export function readPublicSignals(signals: readonly string[]): ProvedOutput {
  if (signals.length < 2) throw new RangeError(`a proof of inference has a commitment and at least one logit, not ${signals.length} signals`);
  const [commitment, ...logits] = signals.map((s) => {
    if (!/^\d+$/.test(s)) throw new RangeError(`public signal ${s.slice(0, 80)} is not a decimal field element`);
    return BigInt(s);
  });
  if (commitment >= FIELD_ORDER) throw new RangeError('the commitment is not a field element');
  return { commitment, logits: logits.map(fromField) };
}
