import { MemoryBlockstore } from 'blockstore-core/memory';
import { importer } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { CID } from 'multiformats/cid';
import { describe, expect, it } from 'vitest';
import { cidOfBytes } from './cid-of-bytes.ts';
import { deleteDag } from './delete-dag.ts';
import { CHUNK_SIZE, modelImportOptions } from './import-options.ts';
import { BlockHashMismatch, verifyDag } from './verify-dag.ts';

const bytes = Uint8Array.from({ length: CHUNK_SIZE * 2 + 1000 }, (_, i) => (i * 31) % 251);

async function imported(options = modelImportOptions()) {
  const store = new MemoryBlockstore();
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], store, options)) root = entry.cid;
  return { store, root: root! };
}

describe('cidOfBytes', () => {
  it('gives the CID the importer stores the file under, with 256 KiB raw leaves', async () => {
    const { root } = await imported();
    expect((await cidOfBytes(bytes)).equals(root)).toBe(true);
    expect(root.version).toBe(1);
  });
});

describe('verifyDag', () => {
  it('checks every block of a multi-leaf file (root + 3 leaves)', async () => {
    const { store, root } = await imported();
    expect(await verifyDag(store, root)).toBe(4);
  });

  it('verifies DAGs made with other chunking than ours, such as 1 MiB leaves', async () => {
    const { store, root } = await imported({ ...modelImportOptions(), chunker: fixedSize({ chunkSize: 1_048_576 }) });
    expect(await verifyDag(store, root)).toBe(1);
  });

  it('names the block whose bytes were swapped', async () => {
    const { store, root } = await imported();
    const leaves: CID[] = [];
    for await (const { cid } of store.getAll()) if (!cid.equals(root)) leaves.push(cid);
    await store.put(leaves[1], new Uint8Array([1, 2, 3]));
    const error = await verifyDag(store, root).catch((e) => e);
    expect(error).toBeInstanceOf(BlockHashMismatch);
    expect((error as BlockHashMismatch).cid.equals(leaves[1])).toBe(true);
  });
});

describe('deleteDag', () => {
  it('removes the root and every leaf, and nothing else', async () => {
    const { store, root } = await imported();
    const other = await store.put(CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'), new Uint8Array([0]));
    expect(await deleteDag(store, root)).toBe(4);
    expect(await store.has(root)).toBe(false);
    expect(await store.has(other)).toBe(true);
  });
});
