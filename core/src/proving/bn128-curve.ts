// snarkjs builds BN254 ("bn128") once per thread, with worker threads for its multi-exponentiations,
// and keeps it in a global. Built after a circuit's witness has run (as a first fullProve does),
// its threads took two minutes to start in Node on this project's machines, against 0.4 s when it
// is built first; so every prover builds it before computing a witness, and releases its threads
// when done (a process that holds them does not exit).
import * as snarkjs from 'snarkjs';
import type { Group } from './sparse-multiexp.ts';

/** One step of a task for the curve's threads: ffjavascript's thread protocol. */
export type ThreadCommand =
  | { cmd: 'ALLOCSET'; var: number; buff: Uint8Array }
  | { cmd: 'ALLOC'; var: number; len: number }
  | { cmd: 'CALL'; fnName: string; params: ({ var: number; offset?: number } | { val: number })[] }
  | { cmd: 'GET'; out: number; var: number; len: number };

export interface CurveGroup extends Group {
  fromRprLEM(bytes: Uint8Array, offset: number): Uint8Array;
  timesFr(point: Uint8Array, scalar: Uint8Array): Uint8Array;
  toAffine(point: Uint8Array): Uint8Array;
  toObject(point: Uint8Array): unknown[];
}

/** What the provers use of ffjavascript's BN254 (it ships no types). */
export interface Bn128 {
  Fr: {
    n8: number;
    /** 2-adicity: the largest power-of-two domain is 2^s. */
    s: number;
    shift: Uint8Array;
    /** w[k]: a primitive 2^k-th root of unity. */
    w: Uint8Array[];
    e(value: number | bigint): Uint8Array;
    random(): Uint8Array;
    neg(a: Uint8Array): Uint8Array;
    mul(a: Uint8Array, b: Uint8Array): Uint8Array;
    fft(values: Uint8Array): Promise<Uint8Array>;
    ifft(values: Uint8Array): Promise<Uint8Array>;
    /** values[i] · first · inc^i. */
    batchApplyKey(values: Uint8Array, first: Uint8Array, inc: Uint8Array): Promise<Uint8Array>;
  };
  G1: CurveGroup;
  G2: CurveGroup;
  tm: { concurrency: number; queueAction(task: ThreadCommand[]): Promise<Uint8Array[]> };
  terminate(): Promise<void>;
}

const curves = (snarkjs as unknown as { curves: { getCurveFromName(name: string): Promise<Bn128> } }).curves;

/** The curve, built once per thread. */
export const warmCurve = (): Promise<Bn128> => curves.getCurveFromName('bn128');

/** Stops the curve's threads (ffjavascript then forgets it; the next proof builds it again). */
export async function releaseCurve(): Promise<void> {
  await (globalThis as { curve_bn128?: Bn128 | null }).curve_bn128?.terminate();
}
