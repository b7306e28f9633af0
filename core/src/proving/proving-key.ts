import { PermaNetError } from '../errors/permanet-error.ts';
// A Groth16 proving key in snarkjs's .zkey format, read once into views of its bytes: the header
// (sizes and the key's fixed points) and the sections a proof reads. The format is iden3's binary
// file: "zkey", a version, a section count, then sections of (type u32, size u64, bytes).

/** BN254's base field order, the only curve this project proves on. */
const BN254_Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const GROTH16 = 1;
const N8 = 32;

/** A field element as the key and the witness hold it: 32 bytes, little-endian. */
export const littleEndianValue = (bytes: Uint8Array): bigint =>
  bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

export class ProvingKeyError extends PermaNetError {
  override name = 'ProvingKeyError';
}

export interface ProvingKey {
  /** Witness values, the constant 1 included. */
  nVars: number;
  nPublic: number;
  /** The evaluation domain: a power of two above the constraint count. */
  domainSize: number;
  /** Fixed points (G1 64 bytes, G2 128 bytes), affine, Montgomery form, as the file holds them. */
  alpha1: Uint8Array;
  beta1: Uint8Array;
  beta2: Uint8Array;
  delta1: Uint8Array;
  delta2: Uint8Array;
  /** The A and B matrices' terms: (matrix u32, constraint u32, signal u32, coefficient 32 bytes) each. */
  coefficients: Uint8Array;
  /** How many terms `coefficients` holds. */
  terms: number;
  /** The bases of the proof's multi-exponentiations, one per witness value (C: private ones; H: per domain point). */
  pointsA: Uint8Array;
  pointsB1: Uint8Array;
  pointsB2: Uint8Array;
  pointsC: Uint8Array;
  pointsH: Uint8Array;
}

/** The file's sections by type, in file order, as views of `bytes`. */
export function zkeySections(bytes: Uint8Array): Map<number, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== 'zkey')
    throw new ProvingKeyError('not a proving key: the file does not start with "zkey"');
  const count = view.getUint32(8, true);
  const found = new Map<number, Uint8Array>();
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 12 > bytes.byteLength)
      throw new ProvingKeyError(`the proving key is cut short in section ${i + 1} of ${count}`);
    const type = view.getUint32(at, true);
    const size = Number(view.getBigUint64(at + 4, true));
    if (at + 12 + size > bytes.byteLength) throw new ProvingKeyError(`the proving key is cut short in section ${type}`);
    found.set(type, bytes.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return found;
}

function readKey(bytes: Uint8Array): ProvingKey {
  const all = zkeySections(bytes);
  const section = (type: number, size?: number) => {
    const s = all.get(type);
    if (!s) throw new ProvingKeyError(`the proving key has no section ${type}`);
    if (size !== undefined && s.byteLength !== size)
      throw new ProvingKeyError(`the proving key's section ${type} holds ${s.byteLength} bytes, not ${size}`);
    return s;
  };
  const protocol = section(1);
  if (protocol.byteLength !== 4 || new DataView(protocol.buffer, protocol.byteOffset).getUint32(0, true) !== GROTH16)
    throw new ProvingKeyError('the proving key is not for Groth16');
  const header = section(2);
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  let at = 0;
  const bytesOf = (n: number) => {
    at += n;
    return header.subarray(at - n, at);
  };
  const u32 = () => {
    at += 4;
    return h.getUint32(at - 4, true);
  };
  if (u32() !== N8 || littleEndianValue(bytesOf(N8)) !== BN254_Q)
    throw new ProvingKeyError('the proving key is not on the BN254 curve');
  if (u32() !== N8) throw new ProvingKeyError('the proving key is not on the BN254 curve');
  bytesOf(N8); // the scalar field's order, fixed by the base field's
  const [nVars, nPublic, domainSize] = [u32(), u32(), u32()];
  if (domainSize === 0 || (domainSize & (domainSize - 1)) !== 0)
    throw new ProvingKeyError(`the proving key's domain (${domainSize}) is not a power of two`);
  const g1 = () => bytesOf(2 * N8);
  const g2 = () => bytesOf(4 * N8);
  const alpha1 = g1();
  const beta1 = g1();
  const beta2 = g2();
  g2(); // gamma2: only the verifier needs it
  const delta1 = g1();
  const delta2 = g2();
  const coefficientsSection = section(4);
  const terms = new DataView(coefficientsSection.buffer, coefficientsSection.byteOffset).getUint32(0, true);
  // A copy, not a view: the curve's threads are sent it each proof, and a view would send the whole file.
  const coefficients = coefficientsSection.slice(4);
  if (coefficients.byteLength !== terms * (12 + N8))
    throw new ProvingKeyError(`the proving key's ${terms} coefficients do not fill their section`);
  return {
    nVars,
    nPublic,
    domainSize,
    alpha1,
    beta1,
    beta2,
    delta1,
    delta2,
    coefficients,
    terms,
    pointsA: section(5, nVars * 2 * N8),
    pointsB1: section(6, nVars * 2 * N8),
    pointsB2: section(7, nVars * 4 * N8),
    pointsC: section(8, (nVars - nPublic - 1) * 2 * N8),
    pointsH: section(9, domainSize * 2 * N8),
  };
}

/** Keys already read, by the identity of their bytes (the worker's and the relay's caches keep the same bytes). */
const read = new WeakMap<Uint8Array, ProvingKey>();

/** The proving key in `bytes`; a file that is not a BN254 Groth16 key gets a ProvingKeyError. */
export function provingKey(bytes: Uint8Array): ProvingKey {
  let key = read.get(bytes);
  if (!key) {
    key = readKey(bytes);
    read.set(bytes, key);
  }
  return key;
}
