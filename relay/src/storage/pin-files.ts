// Adds local files (the demo models, or a provider's own) to Helia and pins them, so they are
// served over bitswap and kept through garbage collection. Re-adding a pinned file is a no-op.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unixfs } from '@helia/unixfs';
import type { Helia } from 'helia';
import type { CID } from 'multiformats/cid';
import { modelImportOptions } from '@permanet/core/storage/import-options';

export interface PinnedFile {
  path: string;
  name: string;
  cid: CID;
  bytes: number;
}

export async function pinFile(helia: Helia, path: string): Promise<PinnedFile> {
  const bytes = await readFile(path);
  const cid = await unixfs(helia).addBytes(bytes, modelImportOptions() as object);
  if (!(await helia.pins.isPinned(cid))) {
    for await (const _ of helia.pins.add(cid)) {
      // drain: pins.add yields each block as it is pinned
    }
  }
  return { path, name: basename(path), cid, bytes: bytes.length };
}
