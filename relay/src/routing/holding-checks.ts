// Checks that a tab holds what it announced: for each announced model the relay holds too, one of
// its blocks, picked at random, is asked of the tab over /permanet/block/1.0.0. A tab that sends
// the block is found before holders never checked; one that has no block of it, or sends other
// bytes, is no longer listed as its holder. A tab that does not answer in time stays unchecked.
// A few checks run at once and a bounded number wait, so announcements cannot queue unbounded work.
import type { Libp2p, PeerId } from '@libp2p/interface';
import { CID } from 'multiformats/cid';
import { BLOCK_TIMEOUT_MS, BlockRefusedError, requestBlock, WrongBlockError } from '@permanet/core/protocols/block';
import type { ProviderRecords } from '@permanet/core/protocols/providers';
import type { BlockSource } from '@permanet/core/storage/blocks';
import { randomBlock } from '@permanet/core/storage/random-block';
import type { Logger } from '../log.ts';

/** Checks in flight at once, checks waiting, and the CIDs of one announcement that are checked. */
const CONCURRENT_CHECKS = 4;
const MAX_WAITING = 256;
const CHECKS_PER_ANNOUNCEMENT = 8;

export interface HoldingChecksOptions {
  libp2p: Libp2p;
  blockstore: BlockSource & { has(cid: CID): Promise<boolean> };
  records: ProviderRecords;
  log: Logger;
}

export function holdingChecks({ libp2p, blockstore, records, log }: HoldingChecksOptions) {
  const waiting: { peer: PeerId; cid: string }[] = [];
  const queued = new Set<string>();
  let running = 0;

  const check = async (peer: PeerId, cid: string) => {
    const root = CID.parse(cid);
    if (!(await blockstore.has(root))) return;
    const block = await randomBlock(blockstore, root);
    try {
      await requestBlock(libp2p, peer, block, { signal: AbortSignal.timeout(BLOCK_TIMEOUT_MS) });
      records.markServed(peer.toString(), cid);
      log.debug('providers.checked', { peer: peer.toString(), cid });
    } catch (error) {
      const failed =
        error instanceof WrongBlockError || (error instanceof BlockRefusedError && error.code === 'not-found');
      if (!failed) return;
      records.withdraw(peer.toString(), cid);
      log.info('providers.withdrawn', { peer: peer.toString(), cid, reason: (error as Error).message });
    }
  };

  const next = () => {
    while (running < CONCURRENT_CHECKS && waiting.length > 0) {
      const { peer, cid } = waiting.shift()!;
      running++;
      check(peer, cid)
        .catch((error) => log.warn('providers.check_failed', { peer: peer.toString(), cid, error }))
        .finally(() => {
          running--;
          queued.delete(`${peer} ${cid}`);
          next();
        });
    }
  };

  return {
    /** Queues checks of what `peer` announced and was not yet seen to serve. */
    announced(peer: PeerId, cids: string[]) {
      const unchecked = cids.filter((cid) => !records.hasServed(peer.toString(), cid) && !queued.has(`${peer} ${cid}`));
      for (const cid of unchecked.slice(0, CHECKS_PER_ANNOUNCEMENT)) {
        if (waiting.length >= MAX_WAITING) break;
        queued.add(`${peer} ${cid}`);
        waiting.push({ peer, cid });
      }
      next();
    },
  };
}
