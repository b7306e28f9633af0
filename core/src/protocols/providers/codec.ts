// /permanet/providers/1.0.0: browser tabs tell a relay which models they hold and how to reach
// them (their WebRTC addresses through the relay's circuit), and ask it who holds a CID. The
// relay forgets a tab's records when it disconnects. One request and one response per stream,
// as length-prefixed JSON (json-stream.ts).
import { multiaddr } from '@multiformats/multiaddr';
import { CID } from 'multiformats/cid';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { peerIdOf } from '../../p2p/peer-id-of.ts';
import { MAX_ANNOUNCED_CIDS, MAX_ANNOUNCED_ADDRS, MAX_PROVIDERS } from './constants.ts';

export type ProvidersRequest = { type: 'announce'; cids: string[]; addrs: string[] } | { type: 'find'; cid: string };

export interface ProviderRecord {
  peer: string;
  addrs: string[];
}

export const PROVIDERS_ERROR_CODES = ['malformed', 'rate-limited', 'too-many-peers', 'internal'] as const;
export type ProvidersErrorCode = (typeof PROVIDERS_ERROR_CODES)[number];

/** `code` when it is one of the protocol's, "internal" otherwise. */
export const providersErrorCode = (code: unknown): ProvidersErrorCode =>
  PROVIDERS_ERROR_CODES.includes(code as ProvidersErrorCode) ? (code as ProvidersErrorCode) : 'internal';

export type ProvidersResponse =
  | { ok: true; providers: ProviderRecord[] }
  | { ok: false; code: ProvidersErrorCode; message: string };

const cidText = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new MalformedMessageError(`${what} must be a string`);
  try {
    return CID.parse(value).toString();
  } catch {
    throw new MalformedMessageError(`${what} is not a CID: ${value.slice(0, 100)}`);
  }
};

const list = (value: unknown, what: string, max: number): unknown[] => {
  if (!Array.isArray(value)) throw new MalformedMessageError(`${what} must be a list`);
  if (value.length > max) throw new MalformedMessageError(`${what} lists ${value.length}; at most ${max}`);
  return value;
};

/**
 * Reads a request. `sender` is the peer the stream came from: an announced address must end in
 * that peer's id, so nobody can announce addresses for another peer.
 */
export function parseProvidersRequest(value: unknown, sender: string): ProvidersRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedMessageError('a providers request must be a JSON object');
  const message = value as Record<string, unknown>;
  if (message.type === 'find') return { type: 'find', cid: cidText(message.cid, 'cid') };
  if (message.type !== 'announce') throw new MalformedMessageError('a providers request has type "announce" or "find"');
  const cids = list(message.cids, 'cids', MAX_ANNOUNCED_CIDS).map((c, i) => cidText(c, `cids[${i}]`));
  const addrs = list(message.addrs, 'addrs', MAX_ANNOUNCED_ADDRS).map((a, i) => {
    if (typeof a !== 'string') throw new MalformedMessageError(`addrs[${i}] must be a string`);
    let peer;
    try {
      peer = peerIdOf(multiaddr(a));
    } catch {
      throw new MalformedMessageError(`addrs[${i}] is not a multiaddr`);
    }
    if (peer !== sender) throw new MalformedMessageError(`addrs[${i}] is not an address of the announcing peer`);
    return a;
  });
  return { type: 'announce', cids, addrs };
}

export function parseProvidersResponse(value: unknown): ProvidersResponse {
  const message = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (message.ok === true && Array.isArray(message.providers)) {
    const providers = message.providers.slice(0, MAX_PROVIDERS).map((p) => {
      const record = (p ?? {}) as Record<string, unknown>;
      if (
        typeof record.peer !== 'string' ||
        !Array.isArray(record.addrs) ||
        !record.addrs.every((a) => typeof a === 'string')
      )
        throw new MalformedMessageError('not a provider record');
      return { peer: record.peer, addrs: record.addrs as string[] };
    });
    return { ok: true, providers };
  }
  if (message.ok === false && typeof message.message === 'string')
    return { ok: false, code: providersErrorCode(message.code), message: message.message };
  throw new MalformedMessageError('not a providers response');
}
