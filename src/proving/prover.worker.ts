// The proving worker: the page's proofs run here, off its thread, reporting each step.
import { proveGroth16 } from './groth16-prove.ts';
import type { ProverRequest, ProverResponse } from './prover-protocol.ts';

const post = (message: ProverResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ProverRequest>) => {
  const { id, circuit, provingKey, input } = event.data;
  try {
    const result = await proveGroth16({ circuit, provingKey }, input, (stage) => post({ id, type: 'progress', stage }));
    post({ id, type: 'done', ok: true, result });
  } catch (error) {
    const e = error as Error;
    post({ id, type: 'done', ok: false, error: { name: e.name, message: e.message } });
  }
};
