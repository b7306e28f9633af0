// The proving worker: the page's proofs run here, off its thread, reporting each step.
import { proveGroth16, type ProvingArtifacts } from '@permanet/core/proving/groth16-prove';
import { PermaNetError, asError } from '@permanet/core/errors/permanet-error';
import type { ProverRequest, ProverResponse } from '@permanet/core/proving/prover-protocol';

const post = (message: ProverResponse) => (self as unknown as Worker).postMessage(message);

/** The artifacts last sent: the same bytes each proof, so their compiled witness generator is reused. */
let held: { id: string; artifacts: ProvingArtifacts } | null = null;

self.onmessage = async (event: MessageEvent<ProverRequest>) => {
  const { id, artifactsId, artifacts, input } = event.data;
  try {
    if (artifacts) held = { id: artifactsId, artifacts };
    if (held?.id !== artifactsId) throw new PermaNetError(`the proving worker does not hold ${artifactsId}`);
    const result = await proveGroth16(held.artifacts, input, (stage) => post({ id, type: 'progress', stage }));
    post({ id, type: 'done', ok: true, result });
  } catch (error) {
    const e = asError(error);
    post({ id, type: 'done', ok: false, error: { name: e.name, message: e.message } });
  }
};
