// Fetches a file (model weights, a model card) by CID: blocks already in IndexedDB are re-hashed against their CIDs,
// missing ones come from peers over bitswap (Helia verifies each on arrival), with progress in
// bytes and a timeout. A local copy that fails verification is discarded.
import type { Libp2p } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import { dialUntilConnected } from '../p2p/dial-until-connected.ts';
import { BlockHashMismatch } from '@permanet/core/storage/blocks';
import { deleteDag, type Blockstore } from '@permanet/core/storage/delete-dag';
import { FetchTimeoutError, IntegrityError, InvalidCidError } from './errors.ts';
import { readVerifiedFile } from '@permanet/core/storage/read-verified-file';

export interface FetchFileOptions {
  /** Expected size, for the progress bar before the first block arrives. */
  totalBytes: number;
  timeoutMs: number;
  onProgress?: (receivedBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** A Helia node, the local blockstore under it, the peers to ask first, and how to find more. */
export interface FileStore {
  helia: Helia;
  /** Dials the holders found by `findProviders` until they connect. */
  libp2p: Pick<Libp2p, 'dial'>;
  blockstore: Blockstore;
  providers: Multiaddr[];
  /** Other peers known to hold a CID (tabs that announced it), asked alongside `providers`. */
  findProviders?: (cid: string) => Promise<Multiaddr[]>;
}

export interface FetchedFile {
  bytes: Uint8Array;
  /** `local` when every block was already in this browser. */
  source: 'local' | 'network';
  /** The peers that sent blocks, with how many bytes each, most first. */
  servedBy: { peer: string; bytes: number }[];
  ms: number;
}

function parseCid(text: string): CID {
  try {
    return CID.parse(text.trim());
  } catch (error) {
    throw new InvalidCidError(text, error);
  }
}

export async function fetchFile(store: FileStore, cidText: string, options: FetchFileOptions): Promise<FetchedFile> {
  const { helia, blockstore } = store;
  const cid = parseCid(cidText);
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let received = 0;
  const served = new Map<string, number>();
  const dialing = new AbortController();
  try {
    // Tabs holding the file are asked only when it is not all here: a local read needs nobody.
    const others =
      (await blockstore.has(cid)) || !store.findProviders
        ? []
        : await store.findProviders(cid.toString()).catch(() => []);
    // Bitswap dials each holder once; a tab whose first dial fails is dialed again until the fetch ends.
    const dialSignal = AbortSignal.any([signal, dialing.signal]);
    others.forEach((addr) => {
      void dialUntilConnected(store.libp2p, addr, dialSignal);
    });
    const result = await readVerifiedFile(
      { local: blockstore, network: helia.blockstore, providers: [...store.providers, ...others] },
      cid,
      {
        signal,
        onLeafBytes: (bytes) => {
          received += bytes;
          options.onProgress?.(received, Math.max(options.totalBytes, received));
        },
        // A block with no sender came through another fetch of the same DAG in this page.
        onNetworkBlock: (peer, bytes) => peer !== 'unknown' && served.set(peer, (served.get(peer) ?? 0) + bytes),
      },
    );
    const servedBy = [...served].map(([peer, bytes]) => ({ peer, bytes })).sort((a, b) => b.bytes - a.bytes);
    return {
      bytes: result.bytes,
      source: result.fromNetwork === 0 ? 'local' : 'network',
      servedBy,
      ms: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof BlockHashMismatch) {
      await deleteDag(blockstore, cid);
      throw new IntegrityError(cid.toString(), error.cid.toString());
    }
    if (timeout.aborted && !options.signal?.aborted)
      throw new FetchTimeoutError(cid.toString(), options.timeoutMs / 1000, received);
    throw error;
  } finally {
    dialing.abort();
  }
}
