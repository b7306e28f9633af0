// How model files become UnixFS DAGs. The relay, the demo-model publisher and the browser all
// import with these options, so the same bytes always get the same CID (and the browser can
// re-derive the CID of what it fetched to verify it). 256 KiB leaves, as Kubo uses by default,
// give the download progress bar a step per leaf.
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import type { ImporterOptions } from 'ipfs-unixfs-importer';

export const CHUNK_SIZE = 262_144;

export const modelImportOptions = (): Partial<ImporterOptions> => ({
  cidVersion: 1,
  rawLeaves: true,
  chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
});
