// snarkjs builds BN254 ("bn128") once per thread, with worker threads for its multi-exponentiations,
// and keeps it in a global. Built after a circuit's witness has run (as a first fullProve does),
// its threads took two minutes to start in Node on this project's machines, against 0.4 s when it
// is built first; so every prover builds it before computing a witness, and releases its threads
// when done (a process that holds them does not exit).
import * as snarkjs from 'snarkjs';
import { installSparseMultiexp } from './sparse-multiexp.ts';

interface Curve {
  terminate(): Promise<void>;
}

const curves = (snarkjs as unknown as { curves: { getCurveFromName(name: string): Promise<Curve> } }).curves;

/** The curve, built (once per thread) with its multiexps split by scalar size (sparse-multiexp.ts). */
export async function warmCurve(): Promise<Curve> {
  const curve = await curves.getCurveFromName('bn128');
  installSparseMultiexp(curve as never);
  return curve;
}

/** Stops the curve's threads (ffjavascript then forgets it; the next proof builds it again). */
export async function releaseCurve(): Promise<void> {
  await (globalThis as { curve_bn128?: Curve | null }).curve_bn128?.terminate();
}
