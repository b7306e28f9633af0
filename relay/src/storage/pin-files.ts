// Adds local files (the demo models, or a provider's own) to Helia and pins them, so they are
// served over bitswap and kept through garbage collection. Re-adding a pinned file is a no-op.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unixfs } from '@helia/unixfs';
import type { Helia } from 'helia';
import type { CID } from 'multiformats/cid';
import { modelImportOptions } from '@permanet/core/storage/import-options';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';

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

/** Pins `files` on start; its stats are what it pinned and still holds. */
export function pinnedFilesService(
  helia: Helia,
  files: string[],
  log: Logger,
): CountingService<{ name: string; cid: string; bytes: number }[]> & { forget(cid: CID): void } {
  let pinned: PinnedFile[] = [];
  return {
    name: 'pins',
    async start() {
      for (const path of files) {
        const file = await pinFile(helia, path);
        pinned.push(file);
        log.info('pin.added', { name: file.name, cid: file.cid.toString(), bytes: file.bytes });
      }
    },
    async stop() {},
    stats: () => pinned.map((p) => ({ name: p.name, cid: p.cid.toString(), bytes: p.bytes })),
    forget(cid) {
      pinned = pinned.filter((p) => !p.cid.equals(cid));
    },
  };
}
