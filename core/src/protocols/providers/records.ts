// What a relay knows of the tabs that announced on /permanet/providers/1.0.0: for each connected
// peer the model CIDs it holds and the addresses it announced, and for each CID who holds it. In
// memory only: a tab that reconnects announces again.
import type { ProviderRecord } from './codec.ts';
import { MAX_PROVIDERS } from './constants.ts';

export class ProviderRecords {
  private readonly byPeer = new Map<string, { cids: Set<string>; addrs: string[] }>();
  private readonly byCid = new Map<string, Set<string>>();

  announce(peer: string, cids: string[], addrs: string[]): void {
    this.forget(peer);
    this.byPeer.set(peer, { cids: new Set(cids), addrs });
    for (const cid of cids) {
      let peers = this.byCid.get(cid);
      if (!peers) {
        peers = new Set();
        this.byCid.set(cid, peers);
      }
      peers.add(peer);
    }
  }

  forget(peer: string): void {
    const record = this.byPeer.get(peer);
    if (!record) return;
    for (const cid of record.cids) {
      const peers = this.byCid.get(cid);
      peers?.delete(peer);
      if (peers?.size === 0) this.byCid.delete(cid);
    }
    this.byPeer.delete(peer);
  }

  /** The peers holding `cid` that can be dialled (announced an address), the asker left out. */
  find(cid: string, asker: string): ProviderRecord[] {
    return [...(this.byCid.get(cid) ?? [])]
      .filter((peer) => peer !== asker && this.byPeer.get(peer)!.addrs.length > 0)
      .slice(0, MAX_PROVIDERS)
      .map((peer) => ({ peer, addrs: this.byPeer.get(peer)!.addrs }));
  }

  get size(): number {
    return this.byPeer.size;
  }
}
