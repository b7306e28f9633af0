// The provider's side of /permanet/inference/1.0.0, shared by the relay (onnxruntime-node) and a
// contributing tab (its worker): parse and bound the request, rate-limit the peer, find the listed
// model and check the input against its spec, check a task names this node, run, then answer with
// the outputs, the compute time, the canonical output hash and a signature by the node's key (and
// for a task, the commit's transaction). Every failure is an answer with a code.
import type { Libp2p, Stream } from '@libp2p/interface';
import { toString as bytesToBase64 } from 'uint8arrays';
import type { Hash, Hex } from 'viem';
import { canonicalHash } from '../../inference/canonical-output.ts';
import { inputHash } from '../../inference/input-hash.ts';
import type { ModelSpec } from '../../inference/model-spec.ts';
import { checkFeeds, InputShapeError, type Feeds } from '../../inference/tensors.ts';
import { CodedError } from '../../errors/coded-error.ts';
import { jsonStream, MalformedMessageError, MessageTooLargeError } from '../../stream/json-stream.ts';
import {
  encodeFeeds,
  inferenceSignedText,
  parseInferenceRequest,
  type InferenceErrorCode,
  type InferenceResponse,
} from './codec.ts';
import { INFERENCE_PROTOCOL, PEERS_PER_IP } from './constants.ts';
import { RateLimiter } from '../../compute/rate-limiter.ts';
import { ipOf } from '../../p2p/ip-of.ts';
import { InFlightBudget } from '../../stream/in-flight-budget.ts';
import { TaskRefusedError } from '../../compute/task-participant.ts';
import { asError, messageOf } from '../../errors/permanet-error.ts';

export interface ListedModel {
  name: string;
  spec: ModelSpec | null;
  specError?: string | null;
}

export interface EngineResult {
  outputs: Feeds;
  computeMs: number;
  batchSize: number;
}

export interface InferenceHandlerOptions {
  /** The listed model whose weights have this CID, or null. */
  modelByWeights: (cid: string) => Promise<ListedModel | null>;
  /** Runs the model; throws Refusal('unknown-model') when its weights cannot be had. */
  run: (cid: string, spec: ModelSpec, inputs: Feeds) => Promise<EngineResult>;
  /** Signs with the node's libp2p key, so the answer is checked against the peer id. */
  sign: (bytes: Uint8Array) => Promise<Uint8Array> | Uint8Array;
  tasks?: {
    check(task: bigint, cid: string, inputs: Feeds): Promise<void>;
    commit(task: bigint, outputHash: Hex): Promise<Hash>;
  };
  requestsPerSecond: number;
  burst: number;
  maxMessageBytes: number;
  /** Request bytes that streams from one IP address may hold at once (each its declared length). */
  inFlightBytesPerIp: number;
  /** Streams open at once on one connection. */
  maxInboundStreams: number;
  /** Called for each answer: served, refused (with its code), or an internal failure. */
  onAnswer?: (peer: string, answer: InferenceResponse, error?: Error) => void;
}

export class Refusal extends CodedError<InferenceErrorCode> {
  override name = 'Refusal';
}

export async function handleInference(libp2p: Libp2p, options: InferenceHandlerOptions) {
  const limiter = new RateLimiter(options.requestsPerSecond, options.burst);
  // Peer ids are free: one IP address gets the rate of a few peers, however many ids it uses.
  const ipLimiter = new RateLimiter(options.requestsPerSecond * PEERS_PER_IP, options.burst * PEERS_PER_IP);
  const inFlight = new InFlightBudget(options.inFlightBytesPerIp);
  const peerId = libp2p.peerId.toString();

  const serve = async (request: unknown): Promise<InferenceResponse> => {
    const parsed = (() => {
      try {
        return parseInferenceRequest(request);
      } catch (error) {
        throw new Refusal('malformed', messageOf(error));
      }
    })();
    const model = await options.modelByWeights(parsed.cid);
    if (!model) throw new Refusal('unknown-model', `no listed model has the weights ${parsed.cid}`);
    if (!model.spec)
      throw new Refusal('unknown-model', `the listing of ${model.name} has a malformed spec: ${model.specError}`);
    try {
      checkFeeds(model.spec, parsed.inputs);
    } catch (error) {
      if (error instanceof InputShapeError) throw new Refusal('bad-input', error.message);
      throw error;
    }
    if (parsed.task !== undefined) {
      if (!options.tasks) throw new Refusal('not-assigned', 'this provider takes no tasks');
      await options.tasks.check(parsed.task, parsed.cid, parsed.inputs).catch((error) => {
        throw error instanceof TaskRefusedError ? new Refusal('not-assigned', error.message) : error;
      });
    }
    const result = await options.run(parsed.cid, model.spec, parsed.inputs);
    const outputHash = canonicalHash(result.outputs, model.spec);
    const signature = await options.sign(
      new TextEncoder().encode(inferenceSignedText(parsed.cid, inputHash(parsed.inputs), outputHash)),
    );
    const commitTx =
      parsed.task === undefined ? undefined : await options.tasks!.commit(parsed.task, outputHash as Hex);
    return {
      ok: true,
      outputs: result.outputs,
      computeMs: result.computeMs,
      batchSize: result.batchSize,
      outputHash,
      peer: peerId,
      signature: bytesToBase64(signature, 'base64'),
      ...(commitTx ? { commitTx } : {}),
    };
  };

  await libp2p.handle(
    INFERENCE_PROTOCOL,
    async (stream: Stream, connection) => {
      const peer = connection.remotePeer.toString();
      const ip = ipOf(connection.remoteAddr);
      let held = 0;
      const messages = jsonStream(stream, options.maxMessageBytes, {
        // The request's length is known from its prefix: its bytes are held only within the budget.
        admit(length) {
          if (!inFlight.take(ip, length))
            throw new Refusal('rate-limited', 'too many requests from your address are in progress');
          held = length;
        },
      });
      let response: InferenceResponse;
      let failure: Error | undefined;
      try {
        // The limits come before the work: nothing is read from a stream past them.
        if (!limiter.take(peer) || !ipLimiter.take(ip))
          throw new Refusal('rate-limited', `over ${options.requestsPerSecond} requests per second; try again shortly`);
        response = await serve(await messages.read({ signal: AbortSignal.timeout(10_000) }));
      } catch (error) {
        if (error instanceof Refusal) response = { ok: false, code: error.code, message: error.message };
        else if (error instanceof MalformedMessageError || error instanceof MessageTooLargeError)
          response = { ok: false, code: 'malformed', message: error.message };
        else {
          failure = asError(error);
          response = { ok: false, code: 'internal', message: 'the provider could not run the model' };
        }
      }
      inFlight.release(ip, held);
      options.onAnswer?.(peer, response, failure);
      try {
        await messages.write(response.ok ? { ...response, outputs: encodeFeeds(response.outputs) } : response);
        await stream.close();
      } catch (error) {
        // An answer over the message limit is refused as such rather than dropped.
        if (error instanceof MessageTooLargeError)
          await messages.write({ ok: false, code: 'too-large', message: error.message }).catch(() => {});
        stream.abort(asError(error));
      }
    },
    { maxInboundStreams: options.maxInboundStreams, runOnLimitedConnection: false },
  );

  return { stop: () => libp2p.unhandle(INFERENCE_PROTOCOL) };
}
