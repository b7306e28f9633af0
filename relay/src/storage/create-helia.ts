// The relay's Helia node: blocks and data on disk, bitswap over the relay's own libp2p node.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { FsBlockstore } from 'blockstore-fs';
import { FsDatastore } from 'datastore-fs';
import { createHeliaLight } from 'helia';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Libp2pOptions } from 'libp2p';
import type { ServiceMap } from '@libp2p/interface';

export async function createRelayHelia<S extends ServiceMap>(dataDir: string, libp2p: Libp2pOptions<S>) {
  await mkdir(dataDir, { recursive: true });
  const blockstore = new FsBlockstore(join(dataDir, 'blocks'));
  const datastore = new FsDatastore(join(dataDir, 'data'));
  await blockstore.open();
  await datastore.open();
  // Messages of about one 256 KiB leaf let a peer store and use each block while the next one is
  // in flight, instead of waiting for one 4 MiB message to arrive whole.
  const helia = withBitswap(withLibp2pLight(createHeliaLight({ blockstore, datastore }), libp2p), {
    maxOutgoingMessageSize: 512 * 1024,
  });
  await helia.start();
  return { helia, blockstore };
}
