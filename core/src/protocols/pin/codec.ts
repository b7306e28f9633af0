// /permanet/pin/1.0.0: a peer asks a relay to pin a CID it holds. The relay pins only content
// that an on-chain registration names, or that a registered publisher has signed for (so a
// publisher can have weights pinned before the registration transaction), up to a size limit and
// the publisher's quota. A signature names the chain, the relays, the CIDs and a nonce: it pins
// those CIDs on those relays once each, and replays nowhere else. One request and one response
// per stream, as length-prefixed JSON (json-stream.ts).
import { isAddress, isHex, type Address, type Hex } from 'viem';
import { CID } from 'multiformats/cid';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { MAX_GRANT_CIDS, MAX_GRANT_RELAYS } from './constants.ts';

/** What a publisher signs for: `cids` pinned on the relays with these peer ids, on this chain. */
export interface PinGrant {
  chainId: number;
  relays: string[];
  cids: string[];
  /** 16 random bytes, hex: no two grants sign the same text. */
  nonce: Hex;
  /** Unix time in seconds. */
  expires: number;
}

export type PinAuthorization =
  | { kind: 'registered' }
  | ({ kind: 'signed'; publisher: Address; signature: Hex } & PinGrant);

export interface PinRequest {
  type: 'pin';
  cid: string;
  auth: PinAuthorization;
}

export const PIN_ERROR_CODES = [
  'malformed',
  'not-authorized',
  'too-large',
  'over-quota',
  'busy',
  'unavailable',
  'internal',
] as const;
export type PinErrorCode = (typeof PIN_ERROR_CODES)[number];

export type PinResponse = { ok: true; cid: string; bytes: number } | { ok: false; code: PinErrorCode; message: string };

/** The text a publisher signs (EIP-191 personal_sign) to have CIDs pinned before it registers. */
export const pinAuthorizationText = (grant: PinGrant) =>
  `PermaNet pin request\nchain: ${grant.chainId}\nrelays: ${grant.relays.join(', ')}\n` +
  `cids: ${grant.cids.join(', ')}\nnonce: ${grant.nonce}\nexpires: ${grant.expires}`;

const object = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedMessageError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
};

/** A list of at most `max` strings without commas (the signed text lists them comma-separated). */
function names(value: unknown, what: string, max: number): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max)
    throw new MalformedMessageError(`${what} must list 1 to ${max} entries`);
  for (const entry of value)
    if (typeof entry !== 'string' || entry.length === 0 || entry.length > 200 || /[,\n]/.test(entry))
      throw new MalformedMessageError(`${what} holds an entry that is not a name`);
  return value as string[];
}

export function parsePinRequest(value: unknown): PinRequest {
  const message = object(value, 'a pin request');
  if (message.type !== 'pin') throw new MalformedMessageError('a pin request has type "pin"');
  if (typeof message.cid !== 'string') throw new MalformedMessageError('cid must be a string');
  try {
    CID.parse(message.cid);
  } catch {
    throw new MalformedMessageError(`cid is not a CID: ${message.cid.slice(0, 100)}`);
  }
  const auth = object(message.auth, 'auth');
  if (auth.kind === 'registered') return { type: 'pin', cid: message.cid, auth: { kind: 'registered' } };
  if (auth.kind !== 'signed') throw new MalformedMessageError('auth.kind must be "registered" or "signed"');
  if (typeof auth.publisher !== 'string' || !isAddress(auth.publisher))
    throw new MalformedMessageError('auth.publisher must be an address');
  if (typeof auth.expires !== 'number' || !Number.isSafeInteger(auth.expires))
    throw new MalformedMessageError('auth.expires must be a unix time in seconds');
  if (typeof auth.chainId !== 'number' || !Number.isSafeInteger(auth.chainId))
    throw new MalformedMessageError('auth.chainId must be a chain id');
  if (typeof auth.nonce !== 'string' || !isHex(auth.nonce) || auth.nonce.length !== 34)
    throw new MalformedMessageError('auth.nonce must be 16 bytes of hex');
  const relays = names(auth.relays, 'auth.relays', MAX_GRANT_RELAYS);
  const cids = names(auth.cids, 'auth.cids', MAX_GRANT_CIDS);
  if (typeof auth.signature !== 'string' || !isHex(auth.signature))
    throw new MalformedMessageError('auth.signature must be hex');
  return {
    type: 'pin',
    cid: message.cid,
    auth: {
      kind: 'signed',
      publisher: auth.publisher,
      chainId: auth.chainId,
      relays,
      cids,
      nonce: auth.nonce,
      expires: auth.expires,
      signature: auth.signature,
    },
  };
}

export function parsePinResponse(value: unknown): PinResponse {
  const message = object(value, 'a pin response');
  if (message.ok === true && typeof message.cid === 'string' && typeof message.bytes === 'number')
    return { ok: true, cid: message.cid, bytes: message.bytes };
  if (
    message.ok === false &&
    PIN_ERROR_CODES.includes(message.code as PinErrorCode) &&
    typeof message.message === 'string'
  ) {
    return { ok: false, code: message.code as PinErrorCode, message: message.message };
  }
  throw new MalformedMessageError('not a pin response');
}
