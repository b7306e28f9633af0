// Loads /config.json and keeps the last good copy, so a repeat visit without the network (or
// with the server down) still knows the chain and the relays.
import { parseAppConfig, type AppConfig } from './app-config.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

const KEY = 'permanet:app-config';

export async function loadAppConfig(): Promise<{ config: AppConfig; fromCache: boolean }> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new PermaNetError(`/config.json answered ${response.status}`);
    const document = await response.json();
    const config = parseAppConfig(document);
    localStorage.setItem(KEY, JSON.stringify(document));
    return { config, fromCache: false };
  } catch (error) {
    const cached = localStorage.getItem(KEY);
    if (cached === null) throw error;
    return { config: parseAppConfig(JSON.parse(cached), 'the cached config'), fromCache: true };
  }
}
