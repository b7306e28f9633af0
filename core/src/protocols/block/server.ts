// The server side of /permanet/block/1.0.0: a block from the node's own store, never fetched from
// the network for the asker (so a check cannot be passed by proxy through this node), per peer at
// a bounded rate.
import type { CID } from 'multiformats/cid';
import { RateLimiter } from '../../compute/rate-limiter.ts';
import { CodedError } from '../../errors/coded-error.ts';
import { blockBytes, type BlockSource } from '../../storage/blocks.ts';
import { answerOnce } from '../../stream/answer-once.ts';
import { type BlockErrorCode, type BlockResponse, blockErrorCode, encodeBlock, parseBlockRequest } from './codec.ts';
import { BLOCK_BURST, BLOCK_REQUESTS_PER_SECOND, MAX_BLOCK_BYTES, MAX_BLOCK_MESSAGE_BYTES } from './constants.ts';

class BlockRefusal extends CodedError<BlockErrorCode> {
  override name = 'BlockRefusal';
}

export interface BlockServerOptions {
  blockstore: BlockSource & { has(cid: CID): Promise<boolean> | boolean };
  onFailure?(peer: string, error: Error): void;
}

export function blockHandler(options: BlockServerOptions) {
  const limiter = new RateLimiter(BLOCK_REQUESTS_PER_SECOND, BLOCK_BURST);
  return answerOnce<BlockResponse>({
    async answer(message, peer) {
      const cid = parseBlockRequest(message);
      if (!limiter.take(peer))
        throw new BlockRefusal('rate-limited', `over ${BLOCK_REQUESTS_PER_SECOND} blocks a second`);
      if (!(await options.blockstore.has(cid))) throw new BlockRefusal('not-found', `this node does not hold ${cid}`);
      const bytes = await blockBytes(options.blockstore, cid, { offline: true });
      if (bytes.length > MAX_BLOCK_BYTES)
        throw new BlockRefusal('too-large', `${cid} is ${bytes.length} bytes; at most ${MAX_BLOCK_BYTES} are sent`);
      return encodeBlock(bytes);
    },
    refuse: (code, message) => ({ ok: false, code: blockErrorCode(code), message }),
    internalMessage: 'the node could not read the block',
    maxBytes: MAX_BLOCK_MESSAGE_BYTES,
    onFailure: options.onFailure,
  });
}
