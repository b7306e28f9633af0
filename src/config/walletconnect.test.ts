import { describe, expect, it } from 'vitest';
import { walletConnectProjectId, WalletConnectConfigError } from './walletconnect.ts';

describe('walletConnectProjectId', () => {
  it('reads a project id, and none when the variable is empty or absent', () => {
    expect(walletConnectProjectId(' 0123456789abcdef0123456789ABCDEF ')).toBe('0123456789abcdef0123456789ABCDEF');
    expect(walletConnectProjectId('')).toBeNull();
    expect(walletConnectProjectId(undefined)).toBeNull();
  });

  it('refuses a value that is not a project id, saying what it should be', () => {
    expect(() => walletConnectProjectId('my-project')).toThrow(
      new WalletConnectConfigError(
        'VITE_WALLETCONNECT_PROJECT_ID must be the 32 hex digits of a Reown project id, not "my-project"',
      ),
    );
  });
});
