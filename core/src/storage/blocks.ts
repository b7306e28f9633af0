// Blocks as bytes, and the check that a block's bytes hash to its CID.
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { concat } from 'uint8arrays/concat';
import { equals } from 'uint8arrays/equals';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { CID } from 'multiformats/cid';
import { PermaNetError } from '../errors/permanet-error.ts';

export interface BlockSource {
  get(
    cid: CID,
    options?: {
      offline?: boolean;
      signal?: AbortSignal;
      providers?: Multiaddr[];
      onProgress?: (event: { type: string; detail: unknown }) => void;
    },
  ): unknown;
}

type GetOptions = Parameters<BlockSource['get']>[1];

export class BlockHashMismatch extends PermaNetError {
  override name = 'BlockHashMismatch';
  readonly cid: CID;
  constructor(cid: CID) {
    super(`block ${cid} does not hash to its CID`);
    this.cid = cid;
  }
}

/** A block's bytes, whether the store answers with bytes or with a stream of chunks. */
export async function blockBytes(store: BlockSource, cid: CID, options?: GetOptions): Promise<Uint8Array> {
  const value = await (store.get(cid, options) as Promise<unknown>);
  if (value instanceof Uint8Array) return value;
  const parts: Uint8Array[] = [];
  for await (const part of value as AsyncIterable<Uint8Array>) parts.push(part);
  return concat(parts);
}

export async function hashMatches(cid: CID, bytes: Uint8Array): Promise<boolean> {
  if (cid.multihash.code === identity.code) return equals(cid.multihash.digest, bytes);
  if (cid.multihash.code !== sha256.code)
    throw new PermaNetError(`unsupported hash 0x${cid.multihash.code.toString(16)} in ${cid}`);
  return equals((await sha256.digest(bytes)).digest, cid.multihash.digest);
}
