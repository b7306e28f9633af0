// A browser wallet (MetaMask and the like) through its EIP-1193 provider: asks for an account and
// checks that the wallet is on the configured chain.
import { createWalletClient, custom, type EIP1193Provider } from 'viem';
import type { Deployments } from '@permanet/core/chain/deployments';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class NoInjectedWalletError extends PermaNetError {
  override name = 'NoInjectedWalletError';
}

export class WrongChainError extends PermaNetError {
  override name = 'WrongChainError';
}

export async function injectedWallet(
  deployments: Deployments,
  provider = (globalThis as { ethereum?: EIP1193Provider }).ethereum,
): Promise<ConnectedWallet> {
  if (!provider)
    throw new NoInjectedWalletError('no browser wallet found: install one, or use a dev account on the local chain');
  const [address] = await provider.request({ method: 'eth_requestAccounts' });
  if (!address) throw new NoInjectedWalletError('the wallet shared no account');
  const chainId = Number(await provider.request({ method: 'eth_chainId' }));
  if (chainId !== deployments.chainId)
    throw new WrongChainError(`the wallet is on chain ${chainId}; switch it to chain ${deployments.chainId}`);
  return createWalletClient({ account: address, transport: custom(provider), chain: undefined }) as ConnectedWallet;
}
