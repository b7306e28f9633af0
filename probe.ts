import { withBitswap } from '@helia/bitswap';
import { withLibp2pLight } from '@helia/libp2p';
import { unixfs } from '@helia/unixfs';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { MemoryDatastore } from 'datastore-core/memory';
import { createHeliaLight } from 'helia';
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import { browserLibp2pOptions } from './src/p2p/browser-libp2p.ts';
const status = await (await fetch('http://127.0.0.1:4080/status')).json();
for (const conc of [undefined, 1, 4, 16]) {
  const peer = withBitswap(withLibp2pLight(createHeliaLight({ blockstore: new MemoryBlockstore(), datastore: new MemoryDatastore() }), browserLibp2pOptions(status.multiaddrs)));
  await peer.start();
  await peer.libp2p.dial(multiaddr(status.multiaddrs[0]));
  const cid = CID.parse(status.pins[1].cid);
  const t = performance.now(); let n = 0;
  for await (const c of unixfs(peer).cat(cid, { blockReadConcurrency: conc } as any)) n += c.length;
  console.log('conc', conc, n, (performance.now() - t).toFixed(0), 'ms', (n / (performance.now() - t) / 1000).toFixed(1), 'MB/s');
  await peer.stop();
}
const t = performance.now(); const r = await fetch(`http://127.0.0.1:4080/ipfs/${status.pins[1].cid}`); const b = await r.arrayBuffer(); console.log('http', b.byteLength, (performance.now()-t).toFixed(0), 'ms');
