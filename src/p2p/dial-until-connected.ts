// Bitswap dials a provider it is given once and gives up on it when that dial fails. A WebRTC
// dial to another tab can fail for passing reasons (ICE or DTLS timing out on a busy machine, the
// holder's circuit reservation being renewed), and a fetch whose only holder is that tab would
// then wait for nothing until it times out. So a fetch keeps dialing each holder, with backoff,
// until it connects or the fetch ends; bitswap sends its want list to every peer that connects.
import type { Libp2p } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';

export interface DialRetryOptions {
  /** The first wait after a failed dial; doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** One dial's own limit. */
  dialTimeoutMs?: number;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/** Dials `addr` until a dial succeeds or `signal` aborts; resolves either way, never throws. Returns the number of dials. */
export async function dialUntilConnected(libp2p: Pick<Libp2p, 'dial'>, addr: Multiaddr, signal: AbortSignal, options: DialRetryOptions = {}): Promise<number> {
  const { firstDelayMs = 250, maxDelayMs = 4000, dialTimeoutMs = 10_000 } = options;
  let delay = firstDelayMs;
  let dials = 0;
  while (!signal.aborted) {
    dials++;
    try {
      await libp2p.dial(addr, { signal: AbortSignal.any([signal, AbortSignal.timeout(dialTimeoutMs)]) });
      return dials;
    } catch {
      await pause(delay, signal);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
  return dials;
}
