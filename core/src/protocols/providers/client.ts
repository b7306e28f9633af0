// The browser's side of /permanet/providers/1.0.0: tell the relays which models this tab holds
// and how to reach it, and ask them which tabs hold a CID.
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import type { Libp2p, PeerId } from '@libp2p/interface';
import { requestOnce } from '../../stream/request-once.ts';
import { parseProvidersResponse, type ProvidersRequest, type ProvidersResponse } from './codec.ts';
import { PROVIDERS_PROTOCOL } from './constants.ts';
import { PermaNetError } from '../../errors/permanet-error.ts';

async function ask(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  request: ProvidersRequest,
  signal: AbortSignal,
): Promise<ProvidersResponse> {
  return parseProvidersResponse(await requestOnce(libp2p, relay, PROVIDERS_PROTOCOL, request, { signal }));
}

/** The addresses other peers can reach this tab on: its WebRTC addresses through a relay. */
export const dialableAddrs = (libp2p: Libp2p) =>
  libp2p
    .getMultiaddrs()
    .filter((a) => a.toString().includes('/webrtc/'))
    .slice(0, 8)
    .map(String);

export async function announceProviders(
  libp2p: Libp2p,
  relay: PeerId | Multiaddr,
  cids: string[],
  signal = AbortSignal.timeout(10_000),
): Promise<void> {
  const answer = await ask(libp2p, relay, { type: 'announce', cids, addrs: dialableAddrs(libp2p) }, signal);
  if (!answer.ok) throw new PermaNetError(`the relay refused the announcement: ${answer.message}`);
}

/** The peers the relays know to hold `cid`, as addresses bitswap can dial; relays that fail are skipped. */
export async function findProviders(
  libp2p: Libp2p,
  relays: (PeerId | Multiaddr)[],
  cid: string,
  signal = AbortSignal.timeout(3_000),
): Promise<Multiaddr[]> {
  const answers = await Promise.allSettled(relays.map((relay) => ask(libp2p, relay, { type: 'find', cid }, signal)));
  const addrs = new Set<string>();
  for (const answer of answers) {
    if (answer.status === 'fulfilled' && answer.value.ok)
      for (const provider of answer.value.providers)
        provider.addrs.forEach((a) => {
          addrs.add(a);
        });
  }
  return [...addrs].map((a) => multiaddr(a));
}
