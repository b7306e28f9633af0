// Re-hashes every block of a UnixFS DAG held in a blockstore and checks it against the CID that
// links to it, down from the root: the bytes a file is read from are then exactly the ones the
// root CID commits to, whatever chunking made the DAG. (Local stores are not verified on read.)
import * as dagPb from '@ipld/dag-pb';
import * as raw from 'multiformats/codecs/raw';
import { identity } from 'multiformats/hashes/identity';
import { sha256 } from 'multiformats/hashes/sha2';
import { equals } from 'uint8arrays/equals';
import type { CID } from 'multiformats/cid';

export interface BlockSource {
  get(cid: CID, options?: { offline?: boolean; signal?: AbortSignal }): unknown;
}

export class BlockHashMismatch extends Error {
  override name = 'BlockHashMismatch';
  readonly cid: CID;
  constructor(cid: CID) {
    super(`block ${cid} does not hash to its CID`);
    this.cid = cid;
  }
}

export async function blockBytes(store: BlockSource, cid: CID): Promise<Uint8Array> {
  // Offline: a missing block is an error here, never a network fetch.
  const value = await (store.get(cid, { offline: true }) as Promise<unknown>);
  if (value instanceof Uint8Array) return value;
  const parts: Uint8Array[] = [];
  for await (const part of value as AsyncIterable<Uint8Array>) parts.push(part);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function hashMatches(cid: CID, bytes: Uint8Array): Promise<boolean> {
  if (cid.multihash.code === identity.code) return equals(cid.multihash.digest, bytes);
  if (cid.multihash.code !== sha256.code) throw new Error(`unsupported hash 0x${cid.multihash.code.toString(16)} in ${cid}`);
  return equals((await sha256.digest(bytes)).digest, cid.multihash.digest);
}

/** Resolves with the number of blocks checked; throws BlockHashMismatch for the first bad one. */
export async function verifyDag(store: BlockSource, cid: CID): Promise<number> {
  const bytes = await blockBytes(store, cid);
  if (!(await hashMatches(cid, bytes))) throw new BlockHashMismatch(cid);
  if (cid.code === raw.code) return 1;
  if (cid.code !== dagPb.code) throw new Error(`unsupported codec 0x${cid.code.toString(16)} in ${cid}`);
  let checked = 1;
  for (const link of dagPb.decode(bytes).Links) checked += await verifyDag(store, link.Hash);
  return checked;
}
