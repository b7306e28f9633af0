// A Groth16 prover's multi-exponentiations over the witness are mostly trivial: of the digit
// circuit's 12,636 witness values 6,751 are 0 and 4,101 are 1 (bits of range checks and
// decompositions); ffjavascript's multiexp still walks every point through all 26 windows of a
// 256-bit scalar. This splits each multiexp by the scalars' size: zeros are skipped, scalars below
// 2^8 take one window, below 2^64 eight, and only the rest all of them. The sum is the same, so
// the proof is unchanged.

export interface Group {
  F: { n8: number };
  zero: Uint8Array;
  multiExpAffine(bases: Uint8Array, scalars: Uint8Array): Promise<Uint8Array>;
  add(a: Uint8Array, b: Uint8Array): Uint8Array;
}

/** The scalar widths the split uses, in bytes: the narrowest that holds a scalar wins. */
const WIDTHS = [1, 8] as const;

/** How many low bytes of the little-endian scalar at `at` (of `size` bytes) hold its value: 0 for zero. */
function significantBytes(scalars: Uint8Array, at: number, size: number): number {
  let top = size;
  while (top > 0 && scalars[at + top - 1] === 0) top--;
  return top;
}

/** `group`'s multiExpAffine, split by scalar size. */
export function sparseMultiExpAffine(group: Group): Group['multiExpAffine'] {
  const full = group.multiExpAffine.bind(group);
  return async (bases, scalars) => {
    const pointSize = group.F.n8 * 2;
    const n = bases.byteLength / pointSize;
    if (n === 0) return group.zero;
    const size = scalars.byteLength / n;
    const widths = [...WIDTHS, size];
    const members: number[][] = widths.map(() => []);
    for (let i = 0; i < n; i++) {
      const bytes = significantBytes(scalars, i * size, size);
      if (bytes > 0) members[widths.findIndex((w) => bytes <= w)].push(i);
    }
    let sum = group.zero;
    for (const [k, width] of widths.entries()) {
      const indexes = members[k];
      if (indexes.length === 0) continue;
      // Every scalar at full width (the H polynomial's): nothing to gather.
      if (indexes.length === n && width === size) return full(bases, scalars);
      const b = new Uint8Array(indexes.length * pointSize);
      const s = new Uint8Array(indexes.length * width);
      indexes.forEach((i, j) => {
        b.set(bases.subarray(i * pointSize, (i + 1) * pointSize), j * pointSize);
        s.set(scalars.subarray(i * size, i * size + width), j * width);
      });
      sum = group.add(sum, await full(b, s));
    }
    return sum;
  };
}
