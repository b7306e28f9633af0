import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { BlockHashMismatch } from './blocks.ts';
import { cidOfBytes } from './cid-of-bytes.ts';
import { deleteDag } from './delete-dag.ts';
import { CHUNK_SIZE, modelImportOptions } from './import-options.ts';
import { FileTooLargeError, NotAFileError, readVerifiedFile } from './read-verified-file.ts';

const bytes = Uint8Array.from({ length: CHUNK_SIZE * 2 + 1000 }, (_, i) => (i * 31) % 251);

async function imported(
  options: object = modelImportOptions(),
  content: { path?: string; content: Uint8Array }[] = [{ content: bytes }],
) {
  const store = new MemoryBlockstore();
  let root: CID | undefined;
  for await (const entry of importer(content, store, options)) root = entry.cid;
  return { store, root: root! };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('cidOfBytes', () => {
  it('gives the CID the importer stores the file under, with 256 KiB raw leaves', async () => {
    const { root } = await imported();
    expect((await cidOfBytes(bytes)).equals(root)).toBe(true);
    expect(root.version).toBe(1);
  });
});

describe('readVerifiedFile', () => {
  it('reads a multi-leaf file from the local store, checking all 4 blocks, with progress per leaf', async () => {
    const { store, root } = await imported();
    const progress: number[] = [];
    const result = await readVerifiedFile({ local: store, network: new MemoryBlockstore() }, root, {
      onLeafBytes: (n) => progress.push(n),
    });
    expect(sameBytes(result.bytes, bytes)).toBe(true);
    expect(result).toMatchObject({ blocks: 4, fromNetwork: 0 });
    expect(progress.reduce((a, b) => a + b, 0)).toBe(bytes.length);
  });

  it('reads DAGs made with other chunking and dag-pb leaves (CIDv0, 1 MiB chunks)', async () => {
    const { store, root } = await imported({
      cidVersion: 0,
      rawLeaves: false,
      chunker: fixedSize({ chunkSize: 100_000 }),
    });
    expect(root.version).toBe(0);
    const result = await readVerifiedFile({ local: store, network: store }, root);
    expect(sameBytes(result.bytes, bytes)).toBe(true);
    expect(result.blocks).toBe(7);
  });

  it('takes the blocks it lacks from the network source and counts them', async () => {
    const { store: remote, root } = await imported();
    const local = new MemoryBlockstore();
    await local.put(root, remote.get(root));
    const result = await readVerifiedFile({ local, network: remote }, root);
    expect(sameBytes(result.bytes, bytes)).toBe(true);
    expect(result).toMatchObject({ blocks: 4, fromNetwork: 3 });
  });

  it('names the local block whose bytes were swapped', async () => {
    const { store, root } = await imported();
    const leaves: CID[] = [];
    for await (const { cid } of store.getAll()) if (!cid.equals(root)) leaves.push(cid);
    await store.put(leaves[1], new Uint8Array([1, 2, 3]));
    const error = await readVerifiedFile({ local: store, network: store }, root).catch((e) => e);
    expect(error).toBeInstanceOf(BlockHashMismatch);
    expect((error as BlockHashMismatch).cid.equals(leaves[1])).toBe(true);
  });

  it('refuses a directory with a clear error', async () => {
    const { store, root } = await imported({ ...modelImportOptions(), wrapWithDirectory: true }, [
      { path: 'model.onnx', content: bytes },
    ]);
    await expect(readVerifiedFile({ local: store, network: store }, root)).rejects.toThrow(NotAFileError);
    await expect(readVerifiedFile({ local: store, network: store }, root)).rejects.toThrow(
      'is a UnixFS directory, not a file',
    );
  });

  it('refuses a file over its limit by the size the root declares, before reading a leaf', async () => {
    const { store: remote, root } = await imported();
    const local = new MemoryBlockstore();
    const asked: string[] = [];
    const network = {
      get: (cid: CID) => {
        asked.push(cid.toString());
        return remote.get(cid);
      },
    };
    await expect(readVerifiedFile({ local, network }, root, { maxBytes: bytes.length - 1 })).rejects.toThrow(
      FileTooLargeError,
    );
    expect(asked).toEqual([root.toString()]);
    expect((await readVerifiedFile({ local, network }, root, { maxBytes: bytes.length })).bytes.length).toBe(
      bytes.length,
    );
  });

  it('counts the bytes it reads against the limit, whatever a root declares', async () => {
    // A root that lies: it declares 2 bytes but links two 100 kB leaves.
    const store = new MemoryBlockstore();
    const leaf = async (fill: number) => {
      const data = new Uint8Array(100_000).fill(fill);
      return { Hash: await store.put(CID.createV1(raw.code, await sha256.digest(data)), data), Tsize: data.length };
    };
    const links = [await leaf(1), await leaf(2)];
    const node = dagPb.encode({ Data: new UnixFS({ type: 'file', blockSizes: [1n, 1n] }).marshal(), Links: links });
    const root = await store.put(CID.createV1(dagPb.code, await sha256.digest(node)), node);
    await expect(readVerifiedFile({ local: store, network: store }, root, { maxBytes: 150_000 })).rejects.toThrow(
      FileTooLargeError,
    );
    expect((await readVerifiedFile({ local: store, network: store }, root)).bytes.length).toBe(200_000);
  });

  it('stops when its signal is aborted', async () => {
    const { store, root } = await imported();
    await expect(
      readVerifiedFile({ local: store, network: store }, root, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });
});

describe('deleteDag', () => {
  it('removes the root and every leaf, and nothing else', async () => {
    const { store, root } = await imported();
    const other = await store.put(
      CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'),
      new Uint8Array([0]),
    );
    expect(await deleteDag(store, root)).toBe(4);
    expect(await store.has(root)).toBe(false);
    expect(await store.has(other)).toBe(true);
  });
});
