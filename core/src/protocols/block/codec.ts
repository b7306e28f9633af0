// /permanet/block/1.0.0's messages: a request names a CID; the answer carries the block's bytes
// (base64) or a code. One request and one answer per stream, as length-prefixed JSON.
import { CID } from 'multiformats/cid';
import { fromString as base64ToBytes, toString as bytesToBase64 } from 'uint8arrays';
import { MalformedMessageError } from '../../stream/json-stream.ts';
import { MAX_BLOCK_BYTES } from './constants.ts';

export interface BlockRequest {
  type: 'block';
  cid: string;
}

export const BLOCK_ERROR_CODES = ['malformed', 'not-found', 'too-large', 'rate-limited', 'internal'] as const;
export type BlockErrorCode = (typeof BLOCK_ERROR_CODES)[number];

export type BlockResponse = { ok: true; block: string } | { ok: false; code: BlockErrorCode; message: string };

/** `code` when it is one of the protocol's, "internal" otherwise. */
export const blockErrorCode = (code: unknown): BlockErrorCode =>
  BLOCK_ERROR_CODES.includes(code as BlockErrorCode) ? (code as BlockErrorCode) : 'internal';

export function parseBlockRequest(value: unknown): CID {
  const message = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (message.type !== 'block' || typeof message.cid !== 'string')
    throw new MalformedMessageError('a block request is { type: "block", cid }');
  try {
    return CID.parse(message.cid);
  } catch {
    throw new MalformedMessageError(`not a CID: ${message.cid.slice(0, 100)}`);
  }
}

export const encodeBlock = (bytes: Uint8Array): BlockResponse => ({ ok: true, block: bytesToBase64(bytes, 'base64') });

/** The block's bytes, or the refusal; not yet checked against the CID. */
export function parseBlockResponse(
  value: unknown,
): { ok: true; bytes: Uint8Array } | { ok: false; code: BlockErrorCode; message: string } {
  const message = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (message.ok === true && typeof message.block === 'string') {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(message.block, 'base64');
    } catch {
      throw new MalformedMessageError('the block is not base64');
    }
    if (bytes.length > MAX_BLOCK_BYTES)
      throw new MalformedMessageError(`the block is ${bytes.length} bytes; at most ${MAX_BLOCK_BYTES}`);
    return { ok: true, bytes };
  }
  if (message.ok === false && typeof message.message === 'string')
    return { ok: false, code: blockErrorCode(message.code), message: message.message.slice(0, 500) };
  throw new MalformedMessageError('not a block response');
}
