// The dev chain's accounts as wallets, so a newcomer can act at once on a local chain. Offered
// only when the configured chain is the dev chain: these keys are public.
import { createWalletClient, http, type Account, type Chain, type Transport, type WalletClient } from 'viem';
import { DEV_CHAIN_ID, devAccount } from './dev-accounts.ts';
import type { Deployments } from './deployments.ts';
import { PermaNetError } from '../errors/permanet-error.ts';

export const DEV_ACCOUNT_COUNT = 5;

export type ConnectedWallet = WalletClient<Transport, Chain | undefined, Account>;

export class NotADevChainError extends PermaNetError {
  override name = 'NotADevChainError';
}

export function devWallet(deployments: Deployments, index: number): ConnectedWallet {
  if (deployments.chainId !== DEV_CHAIN_ID)
    throw new NotADevChainError(
      `dev accounts exist only on the dev chain (${DEV_CHAIN_ID}), not on chain ${deployments.chainId}`,
    );
  return createWalletClient({ account: devAccount(index), transport: http(deployments.rpcUrl), chain: undefined });
}
