// The names this browser resolved, kept per domain registry, so a name seen before still opens its
// model when the chain cannot be reached (until the name's expiry).
import type { Address } from 'viem';

export interface CachedName {
  modelId: string | null;
  expires: string;
}

const key = (registry: Address) => `permanet:names:${registry.toLowerCase()}`;
const all = (registry: Address): Record<string, CachedName> =>
  JSON.parse(localStorage.getItem(key(registry)) ?? '{}') as Record<string, CachedName>;

export function saveName(registry: Address, name: string, entry: CachedName): void {
  localStorage.setItem(key(registry), JSON.stringify({ ...all(registry), [name]: entry }));
}

/** The last resolution of `name`, unless it has expired since. */
export function loadName(registry: Address, name: string): CachedName | null {
  const entry = all(registry)[name];
  return entry && new Date(entry.expires) > new Date() ? entry : null;
}
