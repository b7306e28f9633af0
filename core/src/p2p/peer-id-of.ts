import type { Multiaddr } from '@multiformats/multiaddr';

/** The peer an address ends at (its last /p2p/ component: a circuit address names the relay first). */
export const peerIdOf = (addr: Multiaddr): string | undefined =>
  addr.getComponents().findLast((c) => c.name === 'p2p')?.value;
