// Opening a model on a page: its weights fetched and verified once (files.use records the use in
// the cache, which announces it to the relays), then a session loaded on the chosen backend, or
// the ready one the session pool holds. Choosing another backend on the same page loads again
// from the bytes already fetched.
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { SessionPool } from '@permanet/core/inference/session-pool';
import type { BackendChoice, LoadResult } from '@permanet/core/inference/worker-protocol';
import type { FileService } from '../storage/files.ts';
import type { ModelCacheIndex } from '../storage/model-cache.ts';
import type { InferenceClient } from './inference-client.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

/** Where the weights came from, as the model page shows it. */
export interface WeightsSource {
  source: string;
  from: 'local' | 'network' | 'session';
  ms: number;
  servedBy: { peer: string; bytes: number; relay: boolean }[];
}

export interface OpenedModel {
  client: InferenceClient;
  load: LoadResult;
  weights: WeightsSource;
}

export type OpenStep =
  | { phase: 'fetching'; received: number; total: number }
  /** Loading; `weights` says where they came from, once fetched. */
  | { phase: 'loading'; weights?: WeightsSource };

export interface ModelOpenerDeps {
  files: FileService;
  cache: ModelCacheIndex;
  sessions: SessionPool<InferenceClient>;
}

export function createModelOpener(deps: ModelOpenerDeps, model: ModelRecord, signal: AbortSignal) {
  let bytes: Uint8Array | null = null;
  let weights: WeightsSource | null = null;

  const fetchWeights = async (onStep: (step: OpenStep) => void): Promise<Uint8Array> => {
    if (bytes) {
      await deps.files.used(model.weightsCid, model.sizeBytes);
      return bytes;
    }
    onStep({ phase: 'fetching', received: 0, total: model.sizeBytes });
    const file = await deps.files.use(model.weightsCid, {
      totalBytes: model.sizeBytes,
      signal,
      onProgress: (received, total) => onStep({ phase: 'fetching', received, total }),
    });
    bytes = file.bytes;
    weights = {
      source: file.source === 'local' ? 'this browser (IndexedDB)' : 'peers (bitswap)',
      from: file.source,
      ms: file.ms,
      servedBy: file.servedBy,
    };
    onStep({ phase: 'loading', weights });
    return bytes;
  };

  return {
    /** Loads the model on `backend`; `onStep` hears of the fetch's progress and the load. */
    async open(backend: BackendChoice, onStep: (step: OpenStep) => void): Promise<OpenedModel> {
      if (!model.spec)
        throw new PermaNetError(`This listing's spec is malformed, so the app cannot run it: ${model.specError}`);
      onStep({ phase: 'loading' });
      const session = await deps.sessions.acquire(model.weightsCid, model.spec, backend, () => fetchWeights(onStep));
      if (session.warm) {
        weights ??= { source: 'a session already loaded in this tab', from: 'session', ms: 0, servedBy: [] };
        // A use moves the model up the cache's order (a warm session whose bytes were evicted adds nothing).
        if (deps.cache.entries().some((e) => e.cid === model.weightsCid))
          await deps.files.used(model.weightsCid, model.sizeBytes);
      }
      return { client: session.client, load: session.load, weights: weights! };
    },
  };
}
