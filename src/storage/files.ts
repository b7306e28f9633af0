// Every file the app fetches by CID goes through here, and each kind gets its cache bookkeeping in
// this one place: weights and proving files are recorded as used (least recently used go first)
// and what no longer fits the limit is evicted; a model fetched ahead is recorded as the first to
// go; a model card is read and not kept track of. The cache itself tells the page and the relays
// of every change (app-state). Helia's fetch loads on first use: it is not in the first paint.
import type { BrowserNode } from './browser-node.ts';
import type { FetchedFile, FetchFileOptions } from './fetch-file.ts';
import type { ModelCacheIndex } from './model-cache.ts';

export interface FileServiceDeps {
  node(): Promise<BrowserNode>;
  cache: ModelCacheIndex;
  /** How long a fetch waits for peers (the runtime config's). */
  timeoutMs(): number;
}

export type FetchOptions = Omit<FetchFileOptions, 'timeoutMs'>;

/** A fetched file, with which of the peers that sent it are relays. */
export interface ServedFile extends FetchedFile {
  servedBy: { peer: string; bytes: number; relay: boolean }[];
}

export type FileService = ReturnType<typeof createFileService>;

export function createFileService(deps: FileServiceDeps) {
  const fetched = async (cid: string, options: FetchOptions) => {
    const [{ fetchFile }, node] = await Promise.all([import('./fetch-file.ts'), deps.node()]);
    const file = await fetchFile(node, cid, { ...options, timeoutMs: deps.timeoutMs() });
    return { node, file };
  };
  const remember = async (node: BrowserNode, cid: string, bytes: number, label?: string) => {
    const { rememberModel } = await import('./cache-model.ts');
    await rememberModel(deps.cache, node.blockstore, cid, bytes, label);
  };

  return {
    /** A model's weights or a proving file (named by `label`), fetched, verified and recorded as used. */
    async use(cid: string, options: FetchOptions & { label?: string }): Promise<ServedFile> {
      const { node, file } = await fetched(cid, options);
      await remember(node, cid, options.totalBytes || file.bytes.length, options.label);
      return { ...file, servedBy: file.servedBy.map((s) => ({ ...s, relay: node.isRelay(s.peer) })) };
    },
    /** Records a use of a file this browser holds without reading it (a model whose session is warm). */
    async used(cid: string, bytes: number): Promise<void> {
      await remember(await deps.node(), cid, bytes);
    },
    /** A model fetched before anyone asks for it: kept as the least recently used. */
    async ahead(cid: string, totalBytes: number): Promise<void> {
      const { file } = await fetched(cid, { totalBytes });
      deps.cache.recordAhead(cid, file.bytes.length);
    },
    /** A small file to show, not kept track of (a model card). */
    async read(cid: string): Promise<Uint8Array> {
      return (await fetched(cid, { totalBytes: 0 })).file.bytes;
    },
    /** Sets the cache's limit and deletes what no longer fits. */
    async setCacheLimit(bytes: number): Promise<void> {
      const [{ evict }, node] = await Promise.all([import('./cache-model.ts'), deps.node()]);
      await evict(deps.cache, node.blockstore, deps.cache.setLimit(bytes));
    },
  };
}
