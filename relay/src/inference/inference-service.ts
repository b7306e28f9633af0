// Serves /permanet/inference/1.0.0: runs a listed model (by the CID of its weights) on a peer's
// inputs. Models load from the relay's Helia store (fetched over bitswap when missing) into an
// LRU of ready sessions, each in its own process under a time and memory limit (a model past
// either is answered "over-limit" and refused for quarantine_s); concurrent requests for one model
// are batched into one run; each peer is rate-limited; every failure is an answer with a code.
// The answer carries the outputs, the compute time, the canonical output hash and the relay's
// signature over model, input and output.
import type { Libp2p, PrivateKey } from '@libp2p/interface';
import type { Helia } from 'helia';
import { CID } from 'multiformats/cid';
import { readFile } from 'node:fs/promises';
import { handleInference, INFERENCE_PROTOCOL, Refusal } from '@permanet/core/protocols/inference';
import type { TaskParticipant } from '@permanet/core/compute/task-participant';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { SessionPool, type SessionClient } from '@permanet/core/inference/session-pool';
import type { Feeds } from '@permanet/core/inference/tensors';
import type { LoadResult } from '@permanet/core/inference/worker-protocol';
import { readVerifiedFile, type LocalBlocks } from '@permanet/core/storage/read-verified-file';
import type { MarketplaceReader } from '../chain/marketplace-reader.ts';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';
import { Batcher } from './batcher.ts';
import type { ExecutionBackend, LoadedModel } from './execution-backend.ts';
import type { InferenceSettings } from './inference-settings.ts';
import { SandboxGoneError, SandboxLimitError } from '../sandbox/child-sandbox.ts';
import { asError, messageOf } from '@permanet/core/errors/permanet-error';

/** The inference service's counters, as /status shows them. */
export interface InferenceStats {
  backend: string;
  served: number;
  refused: number;
  sessions: string[];
}

export interface InferenceServiceOptions extends Omit<InferenceSettings, 'enabled'> {
  libp2p: Libp2p;
  privateKey: PrivateKey;
  helia: Helia;
  blockstore: LocalBlocks;
  chain: MarketplaceReader & { mostUsed(count: number): Promise<{ weightsCid: string; spec: ModelSpec | null }[]> };
  backend: ExecutionBackend;
  /** Takes part in ProofOfInference tasks when the relay runs as a compute node. */
  tasks?: Pick<TaskParticipant, 'check' | 'commit'>;
  log: Logger;
}

/** Streams open at once on one connection: each may buffer a stream window of data before it is
 * read, so this bounds what one connection holds; streams past it are reset unread. */
const MAX_CONCURRENT_STREAMS = 64;

/** A loaded model as the session pool holds it, with the batcher that feeds it. */
class ProviderSession implements SessionClient {
  model: LoadedModel | null = null;
  batcher: Batcher | null = null;
  private readonly backend: ExecutionBackend;
  private readonly settings: Omit<InferenceSettings, 'enabled'>;
  constructor(backend: ExecutionBackend, settings: Omit<InferenceSettings, 'enabled'>) {
    this.backend = backend;
    this.settings = settings;
  }
  async load(bytes: Uint8Array, spec: ModelSpec): Promise<LoadResult> {
    const started = performance.now();
    const model = await this.backend.load(bytes);
    this.model = model;
    const batchable = [...spec.inputs, ...spec.outputs].every((t) => typeof t.shape[0] === 'string');
    this.batcher = new Batcher((feeds) => model.run(feeds), batchable, {
      maxBatch: this.settings.maxBatch,
      waitMs: this.settings.batchWaitMs,
    });
    return {
      backend: 'wasm',
      fallbackReason: null,
      adapter: this.backend.name,
      threads: 1,
      inputNames: [...model.inputNames],
      outputNames: [...model.outputNames],
      loadMs: performance.now() - started,
    };
  }
  terminate() {
    void this.model?.release();
  }
}

export function inferenceService(
  options: InferenceServiceOptions,
): CountingService<InferenceStats> & { warm(cid: string): void } {
  const { libp2p, log } = options;
  const sessions = new SessionPool(() => new ProviderSession(options.backend, options), options.maxSessions);
  let served = 0;
  let refused = 0;

  const weights = async (cid: string) => {
    if (options.substitutes[cid]) return new Uint8Array(await readFile(options.substitutes[cid]));
    try {
      const { bytes } = await readVerifiedFile(
        { local: options.blockstore, network: options.helia.blockstore },
        CID.parse(cid),
        { signal: AbortSignal.timeout(options.fetchTimeoutMs), maxBytes: options.maxModelBytes },
      );
      return bytes;
    } catch (error) {
      throw new Refusal('unknown-model', `this provider cannot get the weights of ${cid}: ${messageOf(error)}`);
    }
  };

  // Models that ran past a limit, and when they may be tried again.
  const quarantined = new Map<string, number>();
  const session = (cid: string, spec: ModelSpec) => {
    const until = quarantined.get(cid) ?? 0;
    if (until > Date.now())
      throw new Refusal('over-limit', `${cid} ran past this provider's limits; refused for ${options.quarantineS} s`);
    quarantined.delete(cid);
    return sessions.acquire(cid, spec, 'auto', () => weights(cid));
  };
  /** Runs on `cid`'s session; a session whose process died is dropped, and one past a limit quarantined. */
  const run = async (cid: string, spec: ModelSpec, inputs: Feeds) => {
    try {
      const { client } = await session(cid, spec);
      return await client.batcher!.submit(inputs);
    } catch (error) {
      if (!(error instanceof SandboxLimitError || error instanceof SandboxGoneError)) throw error;
      sessions.forget(cid, 'auto');
      if (error instanceof SandboxGoneError) throw error;
      quarantined.set(cid, Date.now() + options.quarantineS * 1000);
      log.warn('inference.over_limit', { cid, limit: error.limit });
      throw new Refusal('over-limit', error.message);
    }
  };

  const handle = () =>
    handleInference(libp2p, {
      ...options,
      modelByWeights: (cid) => options.chain.modelByWeights(cid),
      run: async (cid, spec, inputs) => {
        const result = await run(cid, spec, inputs);
        return { ...result, outputs: result.outputs as Feeds };
      },
      sign: (bytes) => options.privateKey.sign(bytes),
      maxInboundStreams: MAX_CONCURRENT_STREAMS,
      onAnswer: (peer, answer, error) => {
        if (answer.ok) served++;
        else refused++;
        if (error) log.warn('inference.failed', { peer, error });
      },
    });

  // The models the chain shows most used are loaded before anyone asks.
  const preload = async () => {
    const preloaded: string[] = [];
    if (options.preload === 0) return preloaded;
    for (const model of await options.chain.mostUsed(options.preload).catch(() => [])) {
      if (!model.spec) continue;
      try {
        await session(model.weightsCid, model.spec);
        preloaded.push(model.weightsCid);
      } catch (error) {
        log.warn('inference.preload_failed', { cid: model.weightsCid, error: asError(error) });
      }
    }
    return preloaded;
  };
  /** Loads a listed model now (a task selected this node for it); failures wait for the request to report them. */
  const warm = (cid: string) =>
    void options.chain
      .modelByWeights(cid)
      .then((model) => model?.spec && session(cid, model.spec))
      .catch((error) => log.debug('inference.warm_failed', { cid, error: asError(error) }));
  return {
    name: 'inference',
    async start() {
      await handle();
      const preloaded = await preload();
      log.info('inference.ready', { backend: options.backend.name, preloaded: preloaded.length });
    },
    async stop() {
      await libp2p.unhandle(INFERENCE_PROTOCOL);
      sessions.clear();
    },
    warm,
    stats: () => ({ backend: options.backend.name, served, refused, sessions: sessions.keys() }),
  };
}
