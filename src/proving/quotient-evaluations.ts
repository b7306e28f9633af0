// The scalars of a Groth16 proof's H term: the quotient (A·B − C)/Z evaluated on the odd coset of
// the domain (Z is constant there, and the key's H points already divide by it). A, B and C come
// from the witness through the key's matrix terms; the work runs in the curve's threads, in wasm
// (wasmcurves's qap_buildABC and qap_joinABC), where snarkjs builds A and B in JavaScript, one
// allocated field element per term (92k terms for the digit circuit).
import type { Bn128, ThreadCommand } from './bn128-curve.ts';
import type { ProvingKey } from './proving-key.ts';

/** The evaluations of A, B and C = A·B on the domain, each thread taking a share of its points. */
async function evaluationsOnDomain(curve: Bn128, key: ProvingKey, witness: Uint8Array): Promise<[Uint8Array, Uint8Array, Uint8Array]> {
  const n8 = curve.Fr.n8;
  const parts = Math.min(curve.tm.concurrency, key.domainSize);
  const share = key.domainSize / parts;
  const results = await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const bytes = share * n8;
      const task: ThreadCommand[] = [
        { cmd: 'ALLOCSET', var: 0, buff: key.coefficients },
        { cmd: 'ALLOCSET', var: 1, buff: witness },
        { cmd: 'ALLOC', var: 2, len: bytes },
        { cmd: 'ALLOC', var: 3, len: bytes },
        { cmd: 'ALLOC', var: 4, len: bytes },
        // Terms whose constraint falls outside [part · share, (part + 1) · share) are passed over.
        { cmd: 'CALL', fnName: 'qap_buildABC', params: [{ var: 0 }, { val: key.coefficients.byteLength / (12 + n8) }, { var: 1 }, { var: 2 }, { var: 3 }, { var: 4 }, { val: part * share }, { val: share }, { val: 0 }, { val: key.nVars }] },
        { cmd: 'GET', out: 0, var: 2, len: bytes },
        { cmd: 'GET', out: 1, var: 3, len: bytes },
        { cmd: 'GET', out: 2, var: 4, len: bytes },
      ];
      return curve.tm.queueAction(task);
    }),
  );
  const joined = (k: number) => {
    const out = new Uint8Array(key.domainSize * n8);
    results.forEach((r, part) => out.set(r[k], part * share * n8));
    return out;
  };
  return [joined(0), joined(1), joined(2)];
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
  const [a, b, c] = await Promise.all((await evaluationsOnDomain(curve, key, witness)).map((e) => onOddCoset(curve, e, shift)));
  const parts = Math.min(curve.tm.concurrency, key.domainSize);
  const share = key.domainSize / parts;
  const bytes = share * n8;
  const results = await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      const slice = (v: Uint8Array) => v.subarray(part * bytes, (part + 1) * bytes);
      return curve.tm.queueAction([
        { cmd: 'ALLOCSET', var: 0, buff: slice(a) },
        { cmd: 'ALLOCSET', var: 1, buff: slice(b) },
        { cmd: 'ALLOCSET', var: 2, buff: slice(c) },
        { cmd: 'ALLOC', var: 3, len: bytes },
        { cmd: 'CALL', fnName: 'qap_joinABC', params: [{ var: 0 }, { var: 1 }, { var: 2 }, { val: share }, { var: 3 }] },
        { cmd: 'CALL', fnName: 'frm_batchFromMontgomery', params: [{ var: 3 }, { val: share }, { var: 3 }] },
        { cmd: 'GET', out: 0, var: 3, len: bytes },
      ]);
    }),
  );
  const h = new Uint8Array(key.domainSize * n8);
  results.forEach(([r], part) => h.set(r, part * bytes));
  return h;
}
