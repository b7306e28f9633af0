// What a relay knows of the tabs that announced on /permanet/providers/1.0.0: for each connected
// peer the model CIDs it holds, the addresses it announced and the IP address it connects from,
// and for each CID who holds it. In memory only: a tab that reconnects announces again.
//
// Peer ids are free, IP addresses are not: at most MAX_ANNOUNCERS_PER_IP peers from one address
// hold records, and a lookup takes holders one address at a time (in the order they announced the
// CID), so any number of fresh peer ids behind one address fill one slot per round
// and never hide a holder that connects from another.
import { CodedError } from '../../errors/coded-error.ts';
import type { ProviderRecord, ProvidersErrorCode } from './codec.ts';
import { MAX_ANNOUNCERS_PER_IP, MAX_PROVIDERS } from './constants.ts';

export class ProvidersRefusal extends CodedError<ProvidersErrorCode> {
  override name = 'ProvidersRefusal';
}

interface PeerRecord {
  cids: Set<string>;
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
    const record = { cids: new Set(cids), addrs, ip };
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

  /** The peers holding `cid` that can be dialled (announced an address), the asker left out: one
   * per IP address in turn, in the order they announced it. */
  find(cid: string, asker: string): ProviderRecord[] {
    const byIp = new Map<string, string[]>();
    for (const peer of this.byCid.get(cid) ?? []) {
      const record = this.byPeer.get(peer)!;
      if (peer === asker || record.addrs.length === 0) continue;
      if (!byIp.has(record.ip)) byIp.set(record.ip, []);
      byIp.get(record.ip)!.push(peer);
    }
    const queues = [...byIp.values()];
    const chosen: string[] = [];
    for (let round = 0; chosen.length < MAX_PROVIDERS && queues.some((q) => round < q.length); round++)
      for (const queue of queues) if (round < queue.length && chosen.length < MAX_PROVIDERS) chosen.push(queue[round]);
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
