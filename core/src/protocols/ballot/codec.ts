// /permanet/ballot/1.0.0: one signed ballot per stream, and the relay's answer: the hash of the
// transaction that cast it, or a refusal with a code. As length-prefixed JSON (json-stream.ts).
// The ballot is OpenZeppelin Governor's EIP-712 Ballot, whose typed data is defined here once for
// the signer and the relay.
import { isAddress, isHex, type Address, type Hex } from 'viem';
import { MalformedMessageError } from '../../stream/json-stream.ts';

export interface Ballot {
  governor: Address;
  proposalId: bigint;
  /** 0 against, 1 for, 2 abstain (GovernorCountingSimple). */
  support: 0 | 1 | 2;
  voter: Address;
  signature: Hex;
}

export interface BallotRequest extends Ballot {
  type: 'ballot';
}

export const BALLOT_ERROR_CODES = [
  'malformed',
  'not-a-dao',
  'no-votes',
  'refused',
  'rate-limited',
  'busy',
  'internal',
] as const;
export type BallotErrorCode = (typeof BALLOT_ERROR_CODES)[number];

export type BallotResponse = { ok: true; hash: Hex } | { ok: false; code: BallotErrorCode; message: string };

/** The Governor's EIP-712 types for a ballot; its domain is the governor's name, version "1". */
export const BALLOT_TYPES = {
  Ballot: [
    { name: 'proposalId', type: 'uint256' },
    { name: 'support', type: 'uint8' },
    { name: 'voter', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const;

/** A governor's EIP-712 domain, as its `name()` and `version()` give it. */
export interface BallotDomain {
  name: string;
  version: string;
  chainId: number;
}

/** The typed data `ballot.voter` signs, with its current nonce: for the signer and for checking. */
export const ballotTypedData = (domain: BallotDomain, ballot: Omit<Ballot, 'signature'>, nonce: bigint) => ({
  domain: { ...domain, verifyingContract: ballot.governor },
  types: BALLOT_TYPES,
  primaryType: 'Ballot' as const,
  message: { proposalId: ballot.proposalId, support: ballot.support, voter: ballot.voter, nonce },
});

const object = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MalformedMessageError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
};

export const encodeBallotRequest = (ballot: Ballot) => ({
  type: 'ballot',
  ...ballot,
  proposalId: ballot.proposalId.toString(),
});

export function parseBallotRequest(value: unknown): BallotRequest {
  const m = object(value, 'a ballot');
  if (m.type !== 'ballot') throw new MalformedMessageError('a ballot has type "ballot"');
  for (const key of ['governor', 'voter'] as const)
    if (typeof m[key] !== 'string' || !isAddress(m[key])) throw new MalformedMessageError(`${key} must be an address`);
  if (typeof m.proposalId !== 'string' || !/^[0-9]{1,78}$/.test(m.proposalId) || BigInt(m.proposalId) >= 2n ** 256n)
    throw new MalformedMessageError('proposalId must be a uint256 in decimal');
  if (m.support !== 0 && m.support !== 1 && m.support !== 2)
    throw new MalformedMessageError('support must be 0 (against), 1 (for) or 2 (abstain)');
  if (typeof m.signature !== 'string' || !isHex(m.signature) || m.signature.length !== 132)
    throw new MalformedMessageError('signature must be 65 bytes of hex');
  return {
    type: 'ballot',
    governor: m.governor as Address,
    proposalId: BigInt(m.proposalId),
    support: m.support,
    voter: m.voter as Address,
    signature: m.signature as Hex,
  };
}

export function parseBallotResponse(value: unknown): BallotResponse {
  const m = object(value, 'a ballot answer');
  if (m.ok === true) {
    if (typeof m.hash !== 'string' || !isHex(m.hash) || m.hash.length !== 66)
      throw new MalformedMessageError('hash must be a transaction hash');
    return { ok: true, hash: m.hash as Hex };
  }
  if (m.ok !== false || !BALLOT_ERROR_CODES.includes(m.code as BallotErrorCode) || typeof m.message !== 'string')
    throw new MalformedMessageError('a refusal has ok: false, a known code and a message');
  return { ok: false, code: m.code as BallotErrorCode, message: m.message.slice(0, 500) };
}
