// Applies the cache's decisions to the blocks: record a model's use, then delete the DAGs the
// index says no longer fit.
import { CID } from 'multiformats/cid';
import { deleteDag, type Blockstore } from '@permanet/core/storage/delete-dag';
import type { ModelCacheIndex } from './model-cache.ts';

export async function evict(index: ModelCacheIndex, blockstore: Blockstore, cids: string[]): Promise<string[]> {
  for (const cid of cids) {
    await deleteDag(blockstore, CID.parse(cid));
    index.remove(cid);
  }
  return cids;
}

/**
 * Records that `cid` (of `bytes` bytes; a model's weights unless `label` says what else) was just used, and evicts what
 * no longer fits.
 */
export const rememberModel = (
  index: ModelCacheIndex,
  blockstore: Blockstore,
  cid: string,
  bytes: number,
  label?: string,
) => evict(index, blockstore, index.touch(cid, bytes, label));
