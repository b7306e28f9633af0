// A block of a UnixFS DAG picked at random, by walking from the root through a random link at each
// dag-pb node: what a relay asks a holder for, so that holding the root (or any one block a holder
// could fetch once) does not pass for holding the file.
import * as dagPb from '@ipld/dag-pb';
import type { CID } from 'multiformats/cid';
import { blockBytes, type BlockSource } from './blocks.ts';

/** The depth of a balanced UnixFS tree of 256 KiB leaves and 174 links per node holding petabytes. */
const MAX_DEPTH = 8;

export async function randomBlock(store: BlockSource, root: CID, random = Math.random): Promise<CID> {
  let cid = root;
  for (let depth = 0; depth < MAX_DEPTH && cid.code === dagPb.code; depth++) {
    const { Links } = dagPb.decode(await blockBytes(store, cid, { offline: true }));
    if (Links.length === 0) break;
    cid = Links[Math.floor(random() * Links.length)].Hash;
  }
  return cid;
}
