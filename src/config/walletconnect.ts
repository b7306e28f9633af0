import { PermaNetError } from '@permanet/core/errors/permanet-error';
// WalletConnect (Reown AppKit) needs a project id from cloud.reown.com and its relay on the
// internet. The id comes from `.env` (VITE_WALLETCONNECT_PROJECT_ID, read at build time); without
// one the option is not offered, and the reason is shown.
export class WalletConnectConfigError extends PermaNetError {
  override name = 'WalletConnectConfigError';
}

/** The project id, or null when none is configured; throws when the value is not one. */
export function walletConnectProjectId(value: string | undefined): string | null {
  const id = value?.trim() ?? '';
  if (id === '') return null;
  if (!/^[0-9a-f]{32}$/i.test(id))
    throw new WalletConnectConfigError(
      `VITE_WALLETCONNECT_PROJECT_ID must be the 32 hex digits of a Reown project id, not "${id.slice(0, 40)}"`,
    );
  return id;
}
