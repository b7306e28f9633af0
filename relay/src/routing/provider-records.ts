// Serves /permanet/providers/1.0.0: remembers, for each connected peer, the model CIDs it holds
// and the addresses it announced (each checked to be that peer's), answers who holds a CID, and
// forgets a peer when it disconnects. Records live in memory only: a tab that reconnects
// announces again.
import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface';
import { jsonStream, MalformedMessageError, MessageTooLargeError } from '@permanet/core/stream/json-stream';
import {
  MAX_PROVIDERS,
  parseProvidersRequest,
  PROVIDERS_PROTOCOL,
  type ProviderRecord,
  type ProvidersResponse,
} from '@permanet/core/protocols/providers';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';
import { asError, messageOf } from '@permanet/core/errors/permanet-error';

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

/** Serves /permanet/providers/1.0.0 from `records`, which forget a peer when it disconnects. */
export function providersService(libp2p: Libp2p, records: ProviderRecords, log: Logger): CountingService<number> {
  const forget = (event: CustomEvent<PeerId>) => records.forget(event.detail.toString());
  const handler = async (stream: Stream, connection: Connection) => {
    const peer = connection.remotePeer.toString();
    const messages = jsonStream(stream);
    let response: ProvidersResponse;
    try {
      const request = parseProvidersRequest(await messages.read({ signal: AbortSignal.timeout(10_000) }), peer);
      if (request.type === 'announce') {
        records.announce(peer, request.cids, request.addrs);
        log.debug('providers.announce', { peer, cids: request.cids.length, addrs: request.addrs.length });
        response = { ok: true, providers: [] };
      } else {
        response = { ok: true, providers: records.find(request.cid, peer) };
      }
    } catch (error) {
      const malformed = error instanceof MalformedMessageError || error instanceof MessageTooLargeError;
      if (!malformed) log.warn('providers.failed', { peer, error: asError(error) });
      response = {
        ok: false,
        code: malformed ? 'malformed' : 'internal',
        message: malformed ? messageOf(error) : 'the relay could not answer',
      };
    }
    try {
      await messages.write(response);
      await stream.close();
    } catch (error) {
      stream.abort(asError(error));
    }
  };

  return {
    name: 'providers',
    async start() {
      libp2p.addEventListener('peer:disconnect', forget);
      await libp2p.handle(PROVIDERS_PROTOCOL, handler);
    },
    async stop() {
      libp2p.removeEventListener('peer:disconnect', forget);
      await libp2p.unhandle(PROVIDERS_PROTOCOL);
    },
    stats: () => records.size,
  };
}
