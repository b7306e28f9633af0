// Removes a UnixFS DAG's blocks from a blockstore (raw leaves and dag-pb nodes), so a copy that
// failed verification is fetched afresh next time instead of being trusted, or a dropped copy frees
// its space. Blocks that `keep` names (still pinned by another DAG) stay, with what they link to.
import * as dagPb from '@ipld/dag-pb';
import * as raw from 'multiformats/codecs/raw';
import type { CID } from 'multiformats/cid';
import { blockBytes, type BlockSource } from './blocks.ts';

export interface Blockstore extends BlockSource {
  has(cid: CID): Promise<boolean> | boolean;
  delete(cid: CID): Promise<void> | void;
}

export interface DeleteDagOptions {
  /** Whether a block must stay: its subtree is then left whole. */
  keep?: (cid: CID) => Promise<boolean> | boolean;
}

export async function deleteDag(store: Blockstore, cid: CID, options: DeleteDagOptions = {}): Promise<number> {
  if (!(await store.has(cid)) || (await options.keep?.(cid))) return 0;
  let removed = 0;
  if (cid.code === dagPb.code) {
    try {
      const node = dagPb.decode(await blockBytes(store, cid));
      for (const link of node.Links) removed += await deleteDag(store, link.Hash, options);
    } catch {
      // an undecodable node is removed below all the same
    }
  } else if (cid.code !== raw.code) {
    return 0;
  }
  await store.delete(cid);
  return removed + 1;
}
