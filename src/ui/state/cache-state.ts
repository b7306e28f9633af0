// The cache slice of the app's state: what IndexedDB holds (changed by fetches, pins and the limit,
// shown on the home page and reactive by itself), every fetch by CID, and fetching ahead.
import type { Accessor } from 'solid-js';
import { createFileService, type FileService } from '../../storage/files.ts';
import { type CacheEntry, ModelCacheIndex } from '../../storage/model-cache.ts';
import { createChangeSignal } from './change-signal.ts';
import type { ChainState } from './chain-state.ts';
import type { PeerState } from './peer-state.ts';
import { createPrefetch } from './prefetch.ts';

export interface CacheState {
  /** The cache's bookkeeping, for writes (pins); reads go through the accessors below. */
  cache: ModelCacheIndex;
  files: FileService;
  cacheEntries: Accessor<CacheEntry[]>;
  cacheLimit: Accessor<number>;
  prefetch: ReturnType<typeof createPrefetch>;
  /** Fetches likely models ahead once the list and the node are ready (called after first paint). */
  prefetchLikely(): Promise<void>;
}

/** `onChange` hears of every change of what this tab holds (the relays are told). */
export function createCacheState(
  chain: ChainState,
  peer: Pick<PeerState, 'browserNode'>,
  onChange: (cids: string[]) => void,
): CacheState {
  const change = createChangeSignal();
  const cache = new ModelCacheIndex(localStorage, {
    onChange: () => {
      change.changed();
      onChange(cache.entries().map((e) => e.cid));
    },
  });
  const files = createFileService({
    node: peer.browserNode,
    cache,
    timeoutMs: () => chain.config()!.fetchTimeoutMs,
  });
  const prefetch = createPrefetch(cache, files);
  return {
    cache,
    files,
    cacheEntries: change.reading(() => cache.entries()),
    cacheLimit: change.reading(() => cache.limit()),
    prefetch,
    async prefetchLikely() {
      const list = chain.models();
      if (!list || list.staleBecause || !chain.config()) return;
      await prefetch.run(list.models);
    },
  };
}
