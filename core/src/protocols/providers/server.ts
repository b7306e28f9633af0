// The server side of /permanet/providers/1.0.0: an announcement replaces what the peer announced
// before (each address checked to be the announcer's own), a lookup answers who else holds a CID.
import { answerOnce } from '../../stream/answer-once.ts';
import { type ProvidersResponse, parseProvidersRequest } from './codec.ts';
import type { ProviderRecords } from './records.ts';

export interface ProvidersServerOptions {
  records: ProviderRecords;
  onAnnounce?(peer: string, cids: number, addrs: number): void;
  onFailure?(peer: string, error: Error): void;
}

export const providersHandler = (options: ProvidersServerOptions) =>
  answerOnce<ProvidersResponse>({
    async answer(message, peer) {
      const request = parseProvidersRequest(message, peer);
      if (request.type === 'find') return { ok: true, providers: options.records.find(request.cid, peer) };
      options.records.announce(peer, request.cids, request.addrs);
      options.onAnnounce?.(peer, request.cids.length, request.addrs.length);
      return { ok: true, providers: [] };
    },
    refuse: (code, message) => ({ ok: false, code: code === 'malformed' ? 'malformed' : 'internal', message }),
    internalMessage: 'the relay could not answer',
    onFailure: options.onFailure,
  });
