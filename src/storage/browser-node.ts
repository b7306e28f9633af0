// The page's own IPFS node: Helia with IndexedDB block and data stores, bitswap over libp2p
// (websockets to the relays, WebRTC to other tabs). It tells the relays which models it holds so
// other tabs can fetch them from it, and asks them which tabs hold what it fetches. Loaded
// lazily, so none of it weighs on the first paint. It sends a relay that checks its announcement a
// block of what it announced.
import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { IDBBlockstore } from 'blockstore-idb';
import { IDBDatastore } from 'datastore-idb';
import { createHeliaLight } from 'helia';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { multiaddr } from '@multiformats/multiaddr';
import { browserLibp2pOptions } from '@permanet/core/p2p/browser-libp2p';
import { BLOCK_PROTOCOL, blockHandler } from '@permanet/core/protocols/block';
import { announceProviders, findProviders } from '@permanet/core/protocols/providers';
import { keepRelaysConnected, type RelayStatus } from '../p2p/relay-keeper.ts';
import { peerIdOf } from '@permanet/core/p2p/peer-id-of';

export const BLOCKSTORE_NAME = 'permanet-blocks';
export const DATASTORE_NAME = 'permanet-data';

export interface BrowserNodeOptions {
  relays: string[];
  iceServers: string[];
  onRelays: (statuses: RelayStatus[]) => void;
}

export async function createBrowserNode({ relays, iceServers, onRelays }: BrowserNodeOptions) {
  const blockstore = new IDBBlockstore(BLOCKSTORE_NAME);
  const datastore = new IDBDatastore(DATASTORE_NAME);
  await blockstore.open();
  await datastore.open();
  // The node's key is kept at hand: a tab that contributes signs its inference answers with it.
  const privateKey = await generateKeyPair('Ed25519');
  const helia = withBitswap(
    withLibp2pLight(createHeliaLight({ blockstore, datastore }), {
      ...browserLibp2pOptions(
        relays,
        iceServers.map((urls) => ({ urls })),
      ),
      privateKey,
    }),
  );
  await helia.start();
  const { libp2p } = helia;
  const relayAddrs = relays.map((address) => multiaddr(address));
  const relayPeers = new Set(relayAddrs.map(peerIdOf));

  // A relay checks what this tab announces by asking it for a block of each model.
  await libp2p.handle(BLOCK_PROTOCOL, blockHandler({ blockstore }));

  // What this tab announces: the roots of the models it holds. Sent to every connected relay
  // when it changes, when a relay (re)connects, and when this tab's addresses change (its
  // circuit reservation comes and goes with the relay).
  let held: string[] = [];
  const connectedRelays = () =>
    libp2p
      .getConnections()
      .filter((c) => relayPeers.has(c.remotePeer.toString()))
      .map((c) => c.remotePeer);
  const announce = () => {
    for (const relay of new Map(connectedRelays().map((p) => [p.toString(), p])).values()) {
      announceProviders(libp2p, relay, held).catch(() => {
        // A relay that drops the stream gets the list again on its next connect.
      });
    }
  };
  libp2p.addEventListener('self:peer:update', announce);
  libp2p.addEventListener('peer:identify', (event) => relayPeers.has(event.detail.peerId.toString()) && announce());

  const stopKeeping = keepRelaysConnected(libp2p, relays, onRelays);
  return {
    helia,
    libp2p,
    /** The local store itself, for removing blocks without Helia's (DHT) re-provide bookkeeping. */
    blockstore,
    /** The relays, asked first for any block (no routing lookup needed). */
    providers: relayAddrs,
    peerId: libp2p.peerId.toString(),
    /** Signs as this node's peer id (inference answers). */
    sign: (bytes: Uint8Array) => privateKey.sign(bytes),
    isRelay: (peer: string) => relayPeers.has(peer),
    /**
     * The tabs the relays know to hold `cid` (WebRTC addresses through their circuit); dials a relay not yet connected.
     */
    findProviders: (cid: string) => findProviders(libp2p, relayAddrs, cid),
    /** Sets the model roots this tab holds and serves, and tells the relays. */
    setHeld(cids: string[]) {
      if (cids.length === held.length && cids.every((c, i) => c === held[i])) return;
      held = cids.slice(0, 256);
      announce();
    },
    async stop() {
      stopKeeping();
      await helia.stop();
    },
  };
}

export type BrowserNode = Awaited<ReturnType<typeof createBrowserNode>>;
