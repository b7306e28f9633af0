// Bitswap dials a provider it is given once and gives up on it when that dial fails; a fetch whose
// only holder is a tab whose WebRTC dial failed once would then wait for nothing until it timed
// out. So a fetch keeps dialing each holder, with backoff, until it connects or the fetch ends;
// bitswap sends its want list to every peer that connects.
import type { Libp2p } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { retryWithBackoff, type BackoffOptions } from './retry-with-backoff.ts';

export interface DialRetryOptions extends Omit<BackoffOptions, 'retryable'> {
  /** One dial's own limit. */
  dialTimeoutMs?: number;
}

/**
 * Dials `addr` until a dial succeeds or `signal` aborts; resolves either way, never throws. Returns the number of
 * dials.
 */
export async function dialUntilConnected(
  libp2p: Pick<Libp2p, 'dial'>,
  addr: Multiaddr,
  signal: AbortSignal,
  options: DialRetryOptions = {},
): Promise<number> {
  const { dialTimeoutMs = 10_000, ...backoff } = options;
  let dials = 0;
  const dial = async () => {
    dials++;
    await libp2p.dial(addr, { signal: AbortSignal.any([signal, AbortSignal.timeout(dialTimeoutMs)]) });
  };
  await retryWithBackoff(dial, signal, backoff).catch(() => {});
  return dials;
}
