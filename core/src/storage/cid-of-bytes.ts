// Derives the CID that `bytes` get under modelImportOptions without storing anything (the
// importer hashes into a black hole): what a publisher registers on-chain for a file.
import { BlackHoleBlockstore } from 'blockstore-core/black-hole';
import { importer } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import { modelImportOptions } from './import-options.ts';
import { PermaNetError } from '../errors/permanet-error.ts';

export async function cidOfBytes(bytes: Uint8Array): Promise<CID> {
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], new BlackHoleBlockstore(), modelImportOptions()))
    root = entry.cid;
  if (root === undefined) throw new PermaNetError('the importer produced no root');
  return root;
}
