// Reads a UnixFS file by walking its DAG once, block by block. A block already in the local
// store is re-hashed against its CID (a local store is not verified on read); a missing one is
// fetched through Helia, which verifies every block it receives from a peer. So every byte
// returned is committed to by the root CID, whatever chunking made the DAG, and no block is
// read twice.
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { concat } from 'uint8arrays/concat';
import * as raw from 'multiformats/codecs/raw';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { CID } from 'multiformats/cid';
import { BlockHashMismatch, blockBytes, hashMatches, type BlockSource } from './blocks.ts';
import { PermaNetError } from '../errors/permanet-error.ts';

export interface LocalBlocks extends BlockSource {
  has(cid: CID): Promise<boolean> | boolean;
}

export interface FileSources {
  /** The local store itself (IndexedDB in the page). */
  local: LocalBlocks;
  /** Helia's block store: local first, then peers over bitswap. */
  network: BlockSource;
  /** Peers known to hold the file (the relays): asked directly, with no routing lookup. */
  providers?: Multiaddr[];
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called with the bytes of each leaf as it arrives (not necessarily in file order). */
  onLeafBytes?: (bytes: number) => void;
  /** Leaves read at once per node. */
  concurrency?: number;
  /** Refuse files larger than this: by the size the root declares, and by the bytes read. */
  maxBytes?: number;
  /** Called for each block a peer sent, with that peer's id (as bitswap reports it). */
  onNetworkBlock?: (peer: string, bytes: number) => void;
}

export class NotAFileError extends PermaNetError {
  override name = 'NotAFileError';
}

export class FileTooLargeError extends PermaNetError {
  override name = 'FileTooLargeError';
}

export interface ReadResult {
  bytes: Uint8Array;
  blocks: number;
  fromNetwork: number;
}

async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function readVerifiedFile(
  sources: FileSources,
  root: CID,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const counts = { blocks: 0, fromNetwork: 0 };
  const concurrency = options.concurrency ?? 16;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let total = 0;
  const count = (bytes: number) => {
    total += bytes;
    // Thrown, not aborted: blocks already asked for arrive and are stored, nothing is left dangling.
    if (total > maxBytes) throw new FileTooLargeError(`${root} is larger than ${maxBytes} bytes`);
    options.onLeafBytes?.(bytes);
  };

  const block = async (cid: CID): Promise<Uint8Array> => {
    options.signal?.throwIfAborted();
    counts.blocks++;
    if (await sources.local.has(cid)) {
      const bytes = await blockBytes(sources.local, cid);
      if (!(await hashMatches(cid, bytes))) throw new BlockHashMismatch(cid);
      return bytes;
    }
    counts.fromNetwork++;
    let sender = 'unknown';
    const bytes = await blockBytes(sources.network, cid, {
      signal: options.signal,
      providers: sources.providers,
      onProgress: (event) => {
        if (event.type === 'bitswap:block') sender = String((event.detail as { sender: unknown }).sender);
      },
    });
    options.onNetworkBlock?.(sender, bytes.length);
    return bytes;
  };

  const read = async (cid: CID, isRoot: boolean): Promise<Uint8Array> => {
    const bytes = await block(cid);
    if (cid.code === raw.code) {
      count(bytes.length);
      return bytes;
    }
    if (cid.code !== dagPb.code)
      throw new NotAFileError(`${cid} is not a UnixFS file (codec 0x${cid.code.toString(16)})`);
    const node = dagPb.decode(bytes);
    const unixfs = UnixFS.unmarshal(node.Data ?? new Uint8Array());
    if (unixfs.type !== 'file' && unixfs.type !== 'raw')
      throw new NotAFileError(`${isRoot ? cid : `a block under ${cid}`} is a UnixFS ${unixfs.type}, not a file`);
    if (isRoot && unixfs.fileSize() > BigInt(Math.min(maxBytes, Number.MAX_SAFE_INTEGER))) {
      throw new FileTooLargeError(`${root} declares ${unixfs.fileSize()} bytes, more than ${maxBytes}`);
    }
    const own = unixfs.data ?? new Uint8Array();
    if (node.Links.length === 0) {
      count(own.length);
      return own;
    }
    const children = await mapConcurrent(node.Links, concurrency, (link) => read(link.Hash, false));
    return concat([own, ...children]);
  };

  const bytes = await read(root, true);
  return { bytes, ...counts };
}
