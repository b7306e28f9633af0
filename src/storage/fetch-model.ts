// Fetches a model's bytes by CID: from IndexedDB when every block is already there, otherwise
// over bitswap from connected peers, with progress in bytes and a timeout. Every block is then
// re-hashed against the DAG under the CID, so what runs is exactly what the chain names.
import { unixfs } from '@helia/unixfs';
import { CID } from 'multiformats/cid';
import type { Helia } from 'helia';
import { deleteDag } from './delete-dag.ts';
import { FetchTimeoutError, IntegrityError, InvalidCidError } from './errors.ts';
import { BlockHashMismatch, verifyDag } from './verify-dag.ts';

export interface FetchModelOptions {
  /** Expected size, for the progress bar before the first block arrives. */
  totalBytes: number;
  timeoutMs: number;
  onProgress?: (receivedBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** A Helia node and the local blockstore under it. */
export interface ModelStore {
  helia: Helia;
  blockstore: Parameters<typeof deleteDag>[0];
}

export interface FetchedModel {
  bytes: Uint8Array;
  source: 'local' | 'network';
  ms: number;
}

export function parseCid(text: string): CID {
  try {
    return CID.parse(text.trim());
  } catch (error) {
    throw new InvalidCidError(text, error);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function read(helia: Helia, cid: CID, options: FetchModelOptions, offline: boolean, signal?: AbortSignal) {
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of unixfs(helia).cat(cid, { offline, signal })) {
    chunks.push(chunk);
    received += chunk.length;
    options.onProgress?.(received, Math.max(options.totalBytes, received));
  }
  return concat(chunks, received);
}

export async function fetchModel({ helia, blockstore }: ModelStore, cidText: string, options: FetchModelOptions): Promise<FetchedModel> {
  const cid = parseCid(cidText);
  const started = performance.now();
  let bytes: Uint8Array;
  let source: FetchedModel['source'] = 'local';
  try {
    bytes = await read(helia, cid, options, true, options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    source = 'network';
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let received = 0;
    const onProgress = (n: number, total: number) => {
      received = n;
      options.onProgress?.(n, total);
    };
    try {
      bytes = await read(helia, cid, { ...options, onProgress }, false, signal);
    } catch (networkError) {
      if (timeout.aborted && !options.signal?.aborted) throw new FetchTimeoutError(cid.toString(), options.timeoutMs / 1000, received);
      throw networkError;
    }
  }
  try {
    await verifyDag(helia.blockstore, cid);
  } catch (error) {
    if (!(error instanceof BlockHashMismatch)) throw error;
    // Unpin first, so the pin does not name missing blocks; delete from the local store itself,
    // since Helia's delete also cancels DHT re-provides, which a DHT-less browser node cannot.
    if (await helia.pins.isPinned(cid)) {
      for await (const _ of helia.pins.rm(cid)) {
        // drain
      }
    }
    await deleteDag(blockstore, cid);
    throw new IntegrityError(cid.toString(), error.cid.toString());
  }
  if (source === 'network' && !(await helia.pins.isPinned(cid))) {
    for await (const _ of helia.pins.add(cid)) {
      // drain: keeps the fetched model through garbage collection
    }
  }
  return { bytes, source, ms: performance.now() - started };
}
