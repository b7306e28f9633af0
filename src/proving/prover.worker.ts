// The proving worker: computes the circuit's witness from the private input, then the Groth16
// proof, off the page's thread, and reports which step it is in as snarkjs goes.
import * as snarkjs from 'snarkjs';
import { warmCurve } from './bn128-curve.ts';
import { PROVING_STAGES, type ProverRequest, type ProverResponse } from './prover-protocol.ts';

const post = (message: ProverResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ProverRequest>) => {
  const { id, circuit, provingKey, input } = event.data;
  try {
    await warmCurve();
    post({ id, type: 'progress', stage: 0 });
    const started = performance.now();
    const witness = { type: 'mem' } as { type: 'mem'; data?: Uint8Array };
    await snarkjs.wtns.calculate({ x: input.x, salt: input.salt }, { type: 'mem', data: circuit } as never, witness as never);
    const witnessMs = performance.now() - started;
    const logger = {
      debug(message: string) {
        const stage = PROVING_STAGES.indexOf(message as (typeof PROVING_STAGES)[number]);
        if (stage > 0) post({ id, type: 'progress', stage });
      },
      info() {},
      warn() {},
      error() {},
    };
    const { proof, publicSignals } = await snarkjs.groth16.prove({ type: 'mem', data: provingKey } as never, witness as never, logger as never);
    post({ id, type: 'done', ok: true, result: { proof: proof as never, publicSignals, witnessMs, proveMs: performance.now() - started - witnessMs } });
  } catch (error) {
    const e = error as Error;
    // circom's witness code fails on an input its constraints refuse (an int8 out of range).
    const message = /Assert Failed/.test(e.message) ? 'the input is outside the circuit\'s range (int8): no proof can exist for it' : e.message;
    post({ id, type: 'done', ok: false, error: { name: e.name, message } });
  }
};
