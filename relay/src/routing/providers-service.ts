// The relay's /permanet/providers/1.0.0 service: tabs announce the models they hold and ask who
// holds one (core's providers server over the relay's records), what they announce is checked
// (holding-checks.ts), and a tab's records go when it disconnects.
import type { Libp2p, PeerId } from '@libp2p/interface';
import { PROVIDERS_PROTOCOL, type ProviderRecords, providersHandler } from '@permanet/core/protocols/providers';
import type { Logger } from '../log.ts';
import type { CountingService } from '../service.ts';
import { holdingChecks, type HoldingChecksOptions } from './holding-checks.ts';

/** Serves /permanet/providers/1.0.0 from `records`; its count is the peers with records. */
export function providersService(
  libp2p: Libp2p,
  records: ProviderRecords,
  blockstore: HoldingChecksOptions['blockstore'],
  log: Logger,
): CountingService<number> {
  const forget = (event: CustomEvent<PeerId>) => records.forget(event.detail.toString());
  const checks = holdingChecks({ libp2p, blockstore, records, log });
  const handler = providersHandler({
    records,
    onAnnounce(peer, cids, addrs) {
      log.debug('providers.announce', { peer: peer.toString(), cids: cids.length, addrs: addrs.length });
      checks.announced(peer, cids);
    },
    onFailure: (peer, error) => log.warn('providers.failed', { peer, error }),
  });
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
