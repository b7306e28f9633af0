import type { Multiaddr } from '@multiformats/multiaddr';

/** The IP address a multiaddr names (for a relayed connection, its relay's); the whole address when it names none. */
export const ipOf = (addr: Multiaddr): string =>
  addr.getComponents().find((c) => c.name === 'ip4' || c.name === 'ip6')?.value ?? addr.toString();
