// Keeps the browser connected to its relays: dials each at start, and again with backoff after
// a failed dial or a disconnect, so a relay that was down when the page opened (or restarts)
// is picked up without a reload. Reports each change to a listener.
import { multiaddr } from '@multiformats/multiaddr';
import type { Libp2p } from '@libp2p/interface';
import { peerIdOf } from '@permanet/core/p2p/peer-id-of';
import { messageOf } from '@permanet/core/errors/permanet-error';

export type RelayState = 'connecting' | 'connected' | 'offline';
export interface RelayStatus {
  address: string;
  state: RelayState;
  error?: string;
}

const MIN_DELAY = 500;
const MAX_DELAY = 10_000;

export function keepRelaysConnected(
  libp2p: Libp2p,
  relays: string[],
  onChange: (statuses: RelayStatus[]) => void,
): () => void {
  const statuses = new Map<string, RelayStatus>(relays.map((address) => [address, { address, state: 'connecting' }]));
  const delays = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;
  const publish = () => onChange([...statuses.values()]);
  const peerOf = (address: string) => peerIdOf(multiaddr(address));

  const dial = async (address: string) => {
    if (stopped) return;
    try {
      await libp2p.dial(multiaddr(address), { signal: AbortSignal.timeout(10_000) });
      delays.set(address, MIN_DELAY);
      statuses.set(address, { address, state: 'connected' });
    } catch (error) {
      statuses.set(address, { address, state: 'offline', error: messageOf(error) });
      retry(address);
    }
    publish();
  };

  const retry = (address: string) => {
    if (stopped) return;
    const delay = delays.get(address) ?? MIN_DELAY;
    delays.set(address, Math.min(delay * 2, MAX_DELAY));
    const timer = setTimeout(() => {
      timers.delete(timer);
      void dial(address);
    }, delay);
    timers.add(timer);
  };

  const onDisconnect = (event: CustomEvent) => {
    const peer = event.detail.toString();
    for (const address of relays) {
      if (peerOf(address) === peer) {
        statuses.set(address, { address, state: 'offline', error: 'disconnected' });
        publish();
        retry(address);
      }
    }
  };
  libp2p.addEventListener('peer:disconnect', onDisconnect);
  publish();
  relays.forEach((address) => {
    void dial(address);
  });

  return () => {
    stopped = true;
    timers.forEach(clearTimeout);
    libp2p.removeEventListener('peer:disconnect', onDisconnect);
  };
}
