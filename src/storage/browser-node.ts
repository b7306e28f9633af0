// The page's own IPFS node: Helia with IndexedDB block and data stores, bitswap over libp2p
// (websockets to the relays). Loaded lazily, so none of it weighs on the first paint.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { IDBBlockstore } from 'blockstore-idb';
import { IDBDatastore } from 'datastore-idb';
import { createHeliaLight } from 'helia';
import { multiaddr } from '@multiformats/multiaddr';
import { browserLibp2pOptions } from '../p2p/browser-libp2p.ts';
import { keepRelaysConnected, type RelayStatus } from '../p2p/relay-keeper.ts';

export const BLOCKSTORE_NAME = 'permanet-blocks';
export const DATASTORE_NAME = 'permanet-data';

export async function createBrowserNode(relays: string[], onRelays: (statuses: RelayStatus[]) => void) {
  const blockstore = new IDBBlockstore(BLOCKSTORE_NAME);
  const datastore = new IDBDatastore(DATASTORE_NAME);
  await blockstore.open();
  await datastore.open();
  const helia = withBitswap(withLibp2pLight(createHeliaLight({ blockstore, datastore }), browserLibp2pOptions(relays)));
  await helia.start();
  const stopKeeping = keepRelaysConnected(helia.libp2p, relays, onRelays);
  return {
    helia,
    /** The local store itself, for removing blocks without Helia's (DHT) re-provide bookkeeping. */
    blockstore,
    /** The relays, asked first for any block (no routing lookup needed). */
    providers: relays.map((address) => multiaddr(address)),
    async stop() {
      stopKeeping();
      await helia.stop();
    },
  };
}

export type BrowserNode = Awaited<ReturnType<typeof createBrowserNode>>;
