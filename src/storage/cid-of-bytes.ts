// Derives the CID that `bytes` get under modelImportOptions without storing anything: the check
// that fetched weights are exactly the bytes the chain names.
import { importer } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import { modelImportOptions } from './import-options.ts';

/** A blockstore that keeps nothing: the importer only needs `put` to hash. */
const discard = {
  async put(cid: CID) {
    return cid;
  },
};

export async function cidOfBytes(bytes: Uint8Array): Promise<CID> {
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], discard as never, modelImportOptions())) root = entry.cid;
  if (root === undefined) throw new Error('the importer produced no root');
  return root;
}
