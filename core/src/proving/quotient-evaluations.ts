// The scalars of a Groth16 proof's H term: the quotient (A·B − C)/Z evaluated on the odd coset of
// the domain (Z is constant there, and the key's H points already divide by it). A, B and C come
// from the witness through the key's matrix terms; the work runs in the curve's threads, in wasm
// (wasmcurves's qap_buildABC and qap_joinABC), where snarkjs builds A and B in JavaScript, one
// allocated field element per term (92k terms for the digit circuit).
import type { Bn128, ThreadCommand } from './bn128-curve.ts';
import type { ProvingKey } from './proving-key.ts';

/** The domain's points in one run per thread: as even as they go, for any number of threads. */
function shares(curve: Bn128, domainSize: number): { start: number; count: number }[] {
  const parts = Math.max(1, Math.min(curve.tm.concurrency, domainSize));
  return Array.from({ length: parts }, (_, part) => {
    const start = Math.floor((part * domainSize) / parts);
    return { start, count: Math.floor(((part + 1) * domainSize) / parts) - start };
  });
}

/** Runs one task per share on the curve's threads and joins output `k` of each, in order. */
async function perShare(
  curve: Bn128,
  domainSize: number,
  task: (share: { start: number; count: number }) => ThreadCommand[],
  outputs: number,
): Promise<Uint8Array[]> {
  const n8 = curve.Fr.n8;
  const parts = shares(curve, domainSize);
  const results = await Promise.all(parts.map((share) => curve.tm.queueAction(task(share))));
  return Array.from({ length: outputs }, (_, k) => {
    const out = new Uint8Array(domainSize * n8);
    results.forEach((r, i) => {
      out.set(r[k], parts[i].start * n8);
    });
    return out;
  });
}

/** The evaluations of A, B and C = A·B on the domain. */
async function evaluationsOnDomain(curve: Bn128, key: ProvingKey, witness: Uint8Array): Promise<Uint8Array[]> {
  const n8 = curve.Fr.n8;
  return perShare(
    curve,
    key.domainSize,
    ({ start, count }) => [
      { cmd: 'ALLOCSET', var: 0, buff: key.coefficients },
      { cmd: 'ALLOCSET', var: 1, buff: witness },
      { cmd: 'ALLOC', var: 2, len: count * n8 },
      { cmd: 'ALLOC', var: 3, len: count * n8 },
      { cmd: 'ALLOC', var: 4, len: count * n8 },
      // Terms whose constraint falls outside [start, start + count) are passed over.
      {
        cmd: 'CALL',
        fnName: 'qap_buildABC',
        params: [
          { var: 0 },
          { val: key.terms },
          { var: 1 },
          { var: 2 },
          { var: 3 },
          { var: 4 },
          { val: start },
          { val: count },
          { val: 0 },
          { val: key.nVars },
        ],
      },
      { cmd: 'GET', out: 0, var: 2, len: count * n8 },
      { cmd: 'GET', out: 1, var: 3, len: count * n8 },
      { cmd: 'GET', out: 2, var: 4, len: count * n8 },
    ],
    3,
  );
}

/** Evaluations on the domain → evaluations on its odd coset (interpolate, shift, evaluate). */
async function onOddCoset(curve: Bn128, evaluations: Uint8Array, shift: Uint8Array): Promise<Uint8Array> {
  const coefficients = await curve.Fr.ifft(evaluations);
  return curve.Fr.fft(await curve.Fr.batchApplyKey(coefficients, curve.Fr.e(1), shift));
}

/**
 * H's scalars, one per domain point, in standard (not Montgomery) form as a multi-exponentiation
 * takes them. `witness` is the circuit's witness, 32 bytes a value, little-endian.
 */
export async function quotientEvaluations(curve: Bn128, key: ProvingKey, witness: Uint8Array): Promise<Uint8Array> {
  const n8 = curve.Fr.n8;
  const power = Math.log2(key.domainSize);
  // The coset's generator: a 2^(power+1)-th root of unity, or the field's shift at the largest domain.
  const shift = power === curve.Fr.s ? curve.Fr.shift : curve.Fr.w[power + 1];
  const [a, b, c] = await Promise.all(
    (await evaluationsOnDomain(curve, key, witness)).map((e) => onOddCoset(curve, e, shift)),
  );
  const [h] = await perShare(
    curve,
    key.domainSize,
    ({ start, count }) => {
      const slice = (v: Uint8Array) => v.subarray(start * n8, (start + count) * n8);
      return [
        { cmd: 'ALLOCSET', var: 0, buff: slice(a) },
        { cmd: 'ALLOCSET', var: 1, buff: slice(b) },
        { cmd: 'ALLOCSET', var: 2, buff: slice(c) },
        { cmd: 'ALLOC', var: 3, len: count * n8 },
        {
          cmd: 'CALL',
          fnName: 'qap_joinABC',
          params: [{ var: 0 }, { var: 1 }, { var: 2 }, { val: count }, { var: 3 }],
        },
        { cmd: 'CALL', fnName: 'frm_batchFromMontgomery', params: [{ var: 3 }, { val: count }, { var: 3 }] },
        { cmd: 'GET', out: 0, var: 3, len: count * n8 },
      ];
    },
    1,
  );
  return h;
}
