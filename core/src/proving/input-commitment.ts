// The commitment to a private input that a proof of inference makes public: the int8 values are
// packed 31 to a field element (each as x + 128, one byte, little end first) and hashed with a
// secret salt in a Poseidon chain, h = Poseidon(salt, e0..e14), h = Poseidon(h, e15..e29), ...
// It must equal the circuit's Int8Commitment (circuits/lib/int8-mlp.circom) bit for bit.
import { buildPoseidon } from 'circomlibjs';

const PER_ELEMENT = 31;
const PER_HASH = 15;

/** The field elements the circuit hashes: 31 int8 values to each. */
export function packInt8(values: readonly number[]): bigint[] {
  const elements: bigint[] = [];
  for (let start = 0; start < values.length; start += PER_ELEMENT) {
    let element = 0n;
    values.slice(start, start + PER_ELEMENT).forEach((v, m) => {
      if (!Number.isInteger(v) || v < -128 || v > 127) throw new RangeError(`${v} is not an int8 value`);
      element += BigInt(v + 128) << BigInt(8 * m);
    });
    elements.push(element);
  }
  return elements;
}

let poseidon: ReturnType<typeof buildPoseidon> | undefined;

export async function inputCommitment(values: readonly number[], salt: bigint): Promise<bigint> {
  poseidon ??= buildPoseidon();
  const hash = await poseidon;
  const elements = packInt8(values);
  let h = salt;
  for (let start = 0; start < elements.length; start += PER_HASH)
    h = hash.F.toObject(hash([h, ...elements.slice(start, start + PER_HASH)]));
  return h;
}
