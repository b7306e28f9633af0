// The server side of /permanet/providers/1.0.0: an announcement replaces what the peer announced
// before (each address checked to be the announcer's own; a peer past its rate, or past its IP
// address's share of announcers, is refused), a lookup answers who else holds a CID.
import type { PeerId } from '@libp2p/interface';
import { RateLimiter } from '../../compute/rate-limiter.ts';
import { ipOf } from '../../p2p/ip-of.ts';
import { answerOnce } from '../../stream/answer-once.ts';
import { type ProvidersResponse, parseProvidersRequest, providersErrorCode } from './codec.ts';
import { ANNOUNCE_BURST, ANNOUNCES_PER_SECOND } from './constants.ts';
import { ProvidersRefusal, type ProviderRecords } from './records.ts';

export interface ProvidersServerOptions {
  records: ProviderRecords;
  /** Hears each announcement the records took. */
  onAnnounce?(peer: PeerId, cids: string[], addrs: string[]): void;
  onFailure?(peer: string, error: Error): void;
}

export function providersHandler(options: ProvidersServerOptions) {
  const limiter = new RateLimiter(ANNOUNCES_PER_SECOND, ANNOUNCE_BURST);
  return answerOnce<ProvidersResponse>({
    async answer(message, peer, connection) {
      const request = parseProvidersRequest(message, peer);
      if (request.type === 'find') return { ok: true, providers: options.records.find(request.cid, peer) };
      if (!limiter.take(peer))
        throw new ProvidersRefusal('rate-limited', `over ${ANNOUNCES_PER_SECOND} announcement a second`);
      options.records.announce(peer, request.cids, request.addrs, ipOf(connection.remoteAddr));
      options.onAnnounce?.(connection.remotePeer, request.cids, request.addrs);
      return { ok: true, providers: [] };
    },
    refuse: (code, message) => ({ ok: false, code: providersErrorCode(code), message }),
    internalMessage: 'the relay could not answer',
    onFailure: options.onFailure,
  });
}
