// Fetches a file (model weights, a model card) by CID: blocks already in IndexedDB are re-hashed against their CIDs,
// missing ones come from peers over bitswap (Helia verifies each on arrival), with progress in
// bytes and a timeout. A local copy that fails verification is discarded.
import type { Multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import { BlockHashMismatch } from './blocks.ts';
import { deleteDag, type Blockstore } from './delete-dag.ts';
import { FetchTimeoutError, IntegrityError, InvalidCidError } from './errors.ts';
import { readVerifiedFile } from './read-verified-file.ts';

export interface FetchFileOptions {
  /** Expected size, for the progress bar before the first block arrives. */
  totalBytes: number;
  timeoutMs: number;
  onProgress?: (receivedBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** A Helia node, the local blockstore under it, and the peers to ask first. */
export interface FileStore {
  helia: Helia;
  blockstore: Blockstore;
  providers: Multiaddr[];
}

export interface FetchedFile {
  bytes: Uint8Array;
  /** `local` when every block was already in this browser. */
  source: 'local' | 'network';
  ms: number;
}

function parseCid(text: string): CID {
  try {
    return CID.parse(text.trim());
  } catch (error) {
    throw new InvalidCidError(text, error);
  }
}

export async function fetchFile({ helia, blockstore, providers }: FileStore, cidText: string, options: FetchFileOptions): Promise<FetchedFile> {
  const cid = parseCid(cidText);
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let received = 0;
  try {
    const result = await readVerifiedFile({ local: blockstore, network: helia.blockstore, providers }, cid, {
      signal,
      onLeafBytes: (bytes) => {
        received += bytes;
        options.onProgress?.(received, Math.max(options.totalBytes, received));
      },
    });
    return { bytes: result.bytes, source: result.fromNetwork === 0 ? 'local' : 'network', ms: performance.now() - started };
  } catch (error) {
    if (error instanceof BlockHashMismatch) {
      await deleteDag(blockstore, cid);
      throw new IntegrityError(cid.toString(), error.cid.toString());
    }
    if (timeout.aborted && !options.signal?.aborted) throw new FetchTimeoutError(cid.toString(), options.timeoutMs / 1000, received);
    throw error;
  }
}
