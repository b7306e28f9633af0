// Serves /permanet/inference/1.0.0: runs a listed model (by the CID of its weights) on a peer's
// inputs. Models load from the relay's Helia store (fetched over bitswap when missing) into an
// LRU of ready sessions; concurrent requests for one model are batched into one run; each peer is
// rate-limited; every failure is an answer with a code. The answer carries the outputs, the
// compute time, the canonical output hash and the relay's signature over model, input and output.
import type { Libp2p, PrivateKey, Stream } from '@libp2p/interface';
import type { Helia } from 'helia';
import { CID } from 'multiformats/cid';
import { toString as bytesToBase64 } from 'uint8arrays';
import { canonicalHash } from '../../../src/inference/canonical-output.ts';
import { inputHash } from '../../../src/inference/input-hash.ts';
import type { ModelSpec } from '../../../src/inference/model-spec.ts';
import { SessionPool, type SessionClient } from '../../../src/inference/session-pool.ts';
import { checkFeeds, InputShapeError, type Feeds } from '../../../src/inference/tensors.ts';
import type { LoadResult } from '../../../src/inference/worker-protocol.ts';
import { jsonStream, MalformedMessageError, MessageTooLargeError } from '../../../src/protocol/json-stream.ts';
import { encodeFeeds, INFERENCE_PROTOCOL, inferenceSignedText, parseInferenceRequest, type InferenceErrorCode } from '../../../src/protocol/inference.ts';
import { readVerifiedFile, type LocalBlocks } from '../../../src/storage/read-verified-file.ts';
import type { MarketplaceReader } from '../chain/marketplace-reader.ts';
import type { Logger } from '../log.ts';
import { Batcher } from './batcher.ts';
import type { ExecutionBackend, LoadedModel } from './execution-backend.ts';
import { TaskRefusedError, type TaskRunner } from '../compute/task-runner.ts';
import { RateLimiter } from './rate-limiter.ts';

export interface InferenceSettings {
  maxSessions: number;
  maxBatch: number;
  batchWaitMs: number;
  requestsPerSecond: number;
  burst: number;
  maxMessageBytes: number;
  /** The largest model it loads, and how long it waits for a model's blocks. */
  maxModelBytes: number;
  fetchTimeoutMs: number;
  /** How many of the most used models to load at start. */
  preload: number;
}

export interface InferenceServiceOptions extends InferenceSettings {
  libp2p: Libp2p;
  privateKey: PrivateKey;
  helia: Helia;
  blockstore: LocalBlocks;
  chain: MarketplaceReader & { mostUsed(count: number): Promise<{ weightsCid: string; spec: ModelSpec | null }[]> };
  backend: ExecutionBackend;
  /** Takes part in ProofOfInference tasks when the relay runs as a compute node. */
  tasks?: Pick<TaskRunner, 'check' | 'commit'>;
  log: Logger;
}

/** Streams open at once on one connection: past the rate limit's burst, so a flood meets the rate limit's answer. */
const MAX_CONCURRENT_STREAMS = 256;

class Refusal extends Error {
  readonly code: InferenceErrorCode;
  constructor(code: InferenceErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A loaded model as the session pool holds it, with the batcher that feeds it. */
class ProviderSession implements SessionClient {
  model: LoadedModel | null = null;
  batcher: Batcher | null = null;
  private readonly backend: ExecutionBackend;
  private readonly settings: InferenceSettings;
  constructor(backend: ExecutionBackend, settings: InferenceSettings) {
    this.backend = backend;
    this.settings = settings;
  }
  async load(bytes: Uint8Array, spec: ModelSpec): Promise<LoadResult> {
    const started = performance.now();
    const model = await this.backend.load(bytes);
    this.model = model;
    const batchable = [...spec.inputs, ...spec.outputs].every((t) => typeof t.shape[0] === 'string');
    this.batcher = new Batcher((feeds) => model.run(feeds), batchable, { maxBatch: this.settings.maxBatch, waitMs: this.settings.batchWaitMs });
    return { backend: 'wasm', fallbackReason: null, adapter: this.backend.name, threads: 1, inputNames: [...model.inputNames], outputNames: [...model.outputNames], loadMs: performance.now() - started };
  }
  terminate() {
    void this.model?.release();
  }
}

export async function startInferenceService(options: InferenceServiceOptions) {
  const { libp2p, log } = options;
  const sessions = new SessionPool(() => new ProviderSession(options.backend, options), options.maxSessions);
  const limiter = new RateLimiter(options.requestsPerSecond, options.burst);
  let served = 0;
  let refused = 0;

  const weights = async (cid: string) => {
    try {
      const { bytes } = await readVerifiedFile({ local: options.blockstore, network: options.helia.blockstore }, CID.parse(cid), { signal: AbortSignal.timeout(options.fetchTimeoutMs), maxBytes: options.maxModelBytes });
      return bytes;
    } catch (error) {
      throw new Refusal('unknown-model', `this provider cannot get the weights of ${cid}: ${(error as Error).message}`);
    }
  };

  const session = (cid: string, spec: ModelSpec) => sessions.acquire(cid, spec, 'auto', () => weights(cid));

  const serve = async (request: unknown, peer: string) => {
    const parsed = (() => {
      try {
        return parseInferenceRequest(request);
      } catch (error) {
        throw new Refusal('malformed', (error as Error).message);
      }
    })();
    if (!limiter.take(peer)) throw new Refusal('rate-limited', `over ${options.requestsPerSecond} requests per second; try again shortly`);
    const model = await options.chain.modelByWeights(parsed.cid);
    if (!model) throw new Refusal('unknown-model', `no listed model has the weights ${parsed.cid}`);
    if (!model.spec) throw new Refusal('unknown-model', `the listing of ${model.name} has a malformed spec: ${model.specError}`);
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
    const { client } = await session(parsed.cid, model.spec);
    const result = await client.batcher!.submit(parsed.inputs);
    const outputHash = canonicalHash(result.outputs, model.spec);
    const signature = await options.privateKey.sign(new TextEncoder().encode(inferenceSignedText(parsed.cid, inputHash(parsed.inputs), outputHash)));
    const commitTx = parsed.task === undefined ? undefined : await options.tasks!.commit(parsed.task, outputHash);
    return { ok: true as const, outputs: encodeFeeds(result.outputs as Feeds), computeMs: result.computeMs, batchSize: result.batchSize, outputHash, peer: libp2p.peerId.toString(), signature: bytesToBase64(signature, 'base64'), commitTx };
  };

  await libp2p.handle(INFERENCE_PROTOCOL, async (stream: Stream, connection) => {
    const peer = connection.remotePeer.toString();
    const messages = jsonStream(stream, options.maxMessageBytes);
    let response: object;
    try {
      response = await serve(await messages.read({ signal: AbortSignal.timeout(10_000) }), peer);
      served++;
    } catch (error) {
      refused++;
      if (error instanceof Refusal) response = { ok: false, code: error.code, message: error.message };
      else if (error instanceof MalformedMessageError || error instanceof MessageTooLargeError) response = { ok: false, code: 'malformed', message: error.message };
      else {
        log.warn('inference.failed', { peer, error: error as Error });
        response = { ok: false, code: 'internal', message: 'the provider could not run the model' };
      }
    }
    try {
      await messages.write(response);
      await stream.close();
    } catch (error) {
      // An answer over the message limit is refused as such rather than dropped.
      if (error instanceof MessageTooLargeError) await messages.write({ ok: false, code: 'too-large', message: error.message }).catch(() => {});
      log.debug('inference.reply_failed', { peer, error: error as Error });
      stream.abort(error as Error);
    }
  }, { maxInboundStreams: MAX_CONCURRENT_STREAMS });

  // The models the chain shows most used are loaded before anyone asks.
  const preloaded: string[] = [];
  if (options.preload > 0) {
    for (const model of await options.chain.mostUsed(options.preload).catch(() => [])) {
      if (!model.spec) continue;
      try {
        await session(model.weightsCid, model.spec);
        preloaded.push(model.weightsCid);
      } catch (error) {
        log.warn('inference.preload_failed', { cid: model.weightsCid, error: error as Error });
      }
    }
  }
  log.info('inference.ready', { backend: options.backend.name, preloaded: preloaded.length });
  return { stats: () => ({ backend: options.backend.name, served, refused, sessions: sessions.keys() }) };
}
