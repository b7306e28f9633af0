// Asks a provider to run a model over /permanet/inference/1.0.0, and checks its answer: the
// output hash must be the canonical hash of the outputs it sent, and the signature must be the
// provider's own over this model, this input and that hash.
import { peerIdFromString } from '@libp2p/peer-id';
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { fromString as base64ToBytes } from 'uint8arrays';
import { canonicalHash } from '../../inference/canonical-output.ts';
import { inputHash } from '../../inference/input-hash.ts';
import type { ModelSpec } from '../../inference/model-spec.ts';
import type { Feeds } from '../../inference/tensors.ts';
import { CodedError } from '../../errors/coded-error.ts';
import { jsonStream } from '../../stream/json-stream.ts';
import {
  encodeFeeds,
  inferenceSignedText,
  parseInferenceResponse,
  type InferenceErrorCode,
  type InferenceResult,
} from './codec.ts';
import { INFERENCE_PROTOCOL, MAX_INFERENCE_MESSAGE_BYTES } from './constants.ts';
import { PermaNetError } from '../../errors/permanet-error.ts';

export class InferenceRefusedError extends CodedError<InferenceErrorCode> {
  override name = 'InferenceRefusedError';
}

/** No stream to the provider could be opened: nothing was sent, so asking again is safe. */
export class ProviderUnreachableError extends PermaNetError {
  override name = 'ProviderUnreachableError';
}

export class UntrustworthyAnswerError extends PermaNetError {
  override name = 'UntrustworthyAnswerError';
}

export interface NetworkInference extends InferenceResult {
  /** Request to answer, as this peer saw it. */
  roundTripMs: number;
}

export interface RequestInferenceOptions {
  signal?: AbortSignal;
  /** The ProofOfInference task that selected this provider; it commits its answer on-chain. */
  task?: bigint;
  /**
   * How long opening the stream may take: a WebRTC dial can hang on a busy machine, and a caller that retries should
   * get its turn.
   */
  dialTimeoutMs?: number;
}

export async function requestInference(
  libp2p: Libp2p,
  provider: PeerId | Multiaddr,
  cid: string,
  spec: ModelSpec,
  inputs: Feeds,
  options: RequestInferenceOptions = {},
): Promise<NetworkInference> {
  const started = performance.now();
  const dialLimit = AbortSignal.timeout(options.dialTimeoutMs ?? 10_000);
  const stream = await libp2p
    .dialProtocol(provider, INFERENCE_PROTOCOL, {
      signal: options.signal ? AbortSignal.any([options.signal, dialLimit]) : dialLimit,
    })
    .catch((error: Error) => {
      throw new ProviderUnreachableError(`cannot reach ${provider.toString()}: ${error.message}`, { cause: error });
    });
  let answer;
  try {
    const messages = jsonStream(stream, MAX_INFERENCE_MESSAGE_BYTES);
    await messages.write(
      {
        type: 'infer',
        cid,
        inputs: encodeFeeds(inputs),
        ...(options.task === undefined ? {} : { task: options.task.toString() }),
      },
      options,
    );
    answer = parseInferenceResponse(await messages.read(options));
  } finally {
    await stream.close().catch(() => stream.abort(new PermaNetError('closing the inference stream failed')));
  }
  const roundTripMs = performance.now() - started;
  if (!answer.ok) throw new InferenceRefusedError(answer.code, answer.message);
  if (canonicalHash(answer.outputs, spec) !== answer.outputHash)
    throw new UntrustworthyAnswerError(`${answer.peer} sent an output hash that is not the hash of its outputs`);
  const key = peerIdFromString(answer.peer).publicKey;
  const signed = new TextEncoder().encode(inferenceSignedText(cid, inputHash(inputs), answer.outputHash));
  if (!key || !(await key.verify(signed, base64ToBytes(answer.signature, 'base64'))))
    throw new UntrustworthyAnswerError(`the signature is not ${answer.peer}'s over this model, input and output`);
  const { ok: _, ...result } = answer;
  return { ...result, roundTripMs };
}
