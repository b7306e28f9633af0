// Asks a peer for one block over /permanet/block/1.0.0 and checks that its bytes hash to the CID.
import type { Libp2p, PeerId } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { CID } from 'multiformats/cid';
import { CodedError } from '../../errors/coded-error.ts';
import { PermaNetError } from '../../errors/permanet-error.ts';
import { hashMatches } from '../../storage/blocks.ts';
import { requestOnce } from '../../stream/request-once.ts';
import { type BlockErrorCode, parseBlockResponse } from './codec.ts';
import { BLOCK_PROTOCOL, MAX_BLOCK_MESSAGE_BYTES } from './constants.ts';

export class BlockRefusedError extends CodedError<BlockErrorCode> {
  override name = 'BlockRefusedError';
}

/** The peer answered with bytes that are not the block: it does not hold what it claimed. */
export class WrongBlockError extends PermaNetError {
  override name = 'WrongBlockError';
}

export async function requestBlock(
  libp2p: Libp2p,
  peer: PeerId | Multiaddr,
  cid: CID,
  options: { signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  const answer = parseBlockResponse(
    await requestOnce(
      libp2p,
      peer,
      BLOCK_PROTOCOL,
      { type: 'block', cid: cid.toString() },
      {
        ...options,
        maxBytes: MAX_BLOCK_MESSAGE_BYTES,
      },
    ),
  );
  if (!answer.ok) throw new BlockRefusedError(answer.code, answer.message);
  if (!(await hashMatches(cid, answer.bytes)))
    throw new WrongBlockError(`the bytes sent for ${cid} are not that block`);
  return answer.bytes;
}
