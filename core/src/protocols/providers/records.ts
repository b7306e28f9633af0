// What a relay knows of the tabs that announced on /permanet/providers/1.0.0: for each connected
// peer the model CIDs it holds, the addresses it announced and the IP address it connects from,
// and for each CID who holds it. In memory only: a tab that reconnects announces again.
//
// Peer ids are free, IP addresses are not: at most MAX_ANNOUNCERS_PER_IP peers from one address
// hold records, and a lookup takes holders one address at a time (in the order they announced the
// CID), so any number of fresh peer ids behind one address fill one slot per round and never hide
// a holder that connects from another. What a holder says is not taken on trust either: holders
// that served a block of the CID when the relay checked come first, and one that failed is dropped.
import { CodedError } from '../../errors/coded-error.ts';
import type { ProviderRecord, ProvidersErrorCode } from './codec.ts';
import { MAX_ANNOUNCERS_PER_IP, MAX_PROVIDERS } from './constants.ts';

export class ProvidersRefusal extends CodedError<ProvidersErrorCode> {
  override name = 'ProvidersRefusal';
}

interface PeerRecord {
  cids: Set<string>;
  /** The CIDs of which this peer served the relay a block it checked. */
  served: Set<string>;
  addrs: string[];
  ip: string;
}

export class ProviderRecords {
  private readonly byPeer = new Map<string, PeerRecord>();
  private readonly byCid = new Map<string, Set<string>>();
  private readonly byIp = new Map<string, Set<string>>();

  /** Replaces what `peer` (connecting from `ip`) announced; refuses a peer past its address's share. */
  announce(peer: string, cids: string[], addrs: string[], ip: string): void {
    const known = this.byPeer.get(peer);
    const sameAddress = this.byIp.get(ip);
    if (known?.ip !== ip && (sameAddress?.size ?? 0) >= MAX_ANNOUNCERS_PER_IP)
      throw new ProvidersRefusal(
        'too-many-peers',
        `${MAX_ANNOUNCERS_PER_IP} peers from your address already announce here`,
      );
    this.drop(peer, known);
    const served = new Set([...(known?.served ?? [])].filter((cid) => cids.includes(cid)));
    const record = { cids: new Set(cids), served, addrs, ip };
    this.byPeer.set(peer, record);
    if (!this.byIp.has(ip)) this.byIp.set(ip, new Set());
    this.byIp.get(ip)!.add(peer);
    for (const cid of cids) {
      if (!this.byCid.has(cid)) this.byCid.set(cid, new Set());
      this.byCid.get(cid)!.add(peer);
    }
  }

  forget(peer: string): void {
    this.drop(peer, this.byPeer.get(peer));
    this.byPeer.delete(peer);
  }

  /** Whether `peer` has served a checked block of `cid`. */
  hasServed(peer: string, cid: string): boolean {
    return this.byPeer.get(peer)?.served.has(cid) ?? false;
  }

  /** `peer` served a block of `cid` that the relay checked: it is found before holders that have not. */
  markServed(peer: string, cid: string): void {
    const record = this.byPeer.get(peer);
    if (record?.cids.has(cid)) record.served.add(cid);
  }

  /** `peer` failed a check of `cid` (it had no block of it, or sent other bytes): no longer its holder. */
  withdraw(peer: string, cid: string): void {
    const record = this.byPeer.get(peer);
    if (!record?.cids.delete(cid)) return;
    record.served.delete(cid);
    const peers = this.byCid.get(cid);
    peers?.delete(peer);
    if (peers?.size === 0) this.byCid.delete(cid);
  }

  /** The peers holding `cid` that can be dialled (announced an address), the asker left out: those
   * that served a checked block first, then the others; within each, one per IP address in turn,
   * in the order they announced it. */
  find(cid: string, asker: string): ProviderRecord[] {
    const queues = (served: boolean) => {
      const byIp = new Map<string, string[]>();
      for (const peer of this.byCid.get(cid) ?? []) {
        const record = this.byPeer.get(peer)!;
        if (peer === asker || record.addrs.length === 0 || record.served.has(cid) !== served) continue;
        if (!byIp.has(record.ip)) byIp.set(record.ip, []);
        byIp.get(record.ip)!.push(peer);
      }
      return [...byIp.values()];
    };
    const chosen: string[] = [];
    for (const ranked of [queues(true), queues(false)])
      for (let round = 0; chosen.length < MAX_PROVIDERS && ranked.some((q) => round < q.length); round++)
        for (const queue of ranked)
          if (round < queue.length && chosen.length < MAX_PROVIDERS) chosen.push(queue[round]);
    return chosen.map((peer) => ({ peer, addrs: this.byPeer.get(peer)!.addrs }));
  }

  get size(): number {
    return this.byPeer.size;
  }

  /** Removes a peer's record from the CID and address indexes. */
  private drop(peer: string, record: PeerRecord | undefined) {
    if (!record) return;
    for (const cid of record.cids) {
      const peers = this.byCid.get(cid);
      peers?.delete(peer);
      if (peers?.size === 0) this.byCid.delete(cid);
    }
    const sameAddress = this.byIp.get(record.ip);
    sameAddress?.delete(peer);
    if (sameAddress?.size === 0) this.byIp.delete(record.ip);
  }
}
