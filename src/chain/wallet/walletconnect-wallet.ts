// Wallets over WalletConnect and the other connectors Reown AppKit offers, through its wagmi
// adapter (@wagmi/core + viem). Loaded only when the person picks it: AppKit is large and reaches
// the WalletConnect relay on the internet, so it stays out of the first paint and out of the tests.
import { createAppKit } from '@reown/appkit';
import { defineChain } from '@reown/appkit/networks';
import { WagmiAdapter } from '@reown/appkit-adapter-wagmi';
import { getWalletClient, watchAccount } from '@wagmi/core';
import type { Deployments } from '@permanet/core/chain/deployments';
import { chainOf } from '../public-client.ts';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

export class WalletConnectClosedError extends PermaNetError {
  override name = 'WalletConnectClosedError';
}

let appKit: { kit: ReturnType<typeof createAppKit>; adapter: WagmiAdapter } | null = null;

function setUp(deployments: Deployments, projectId: string) {
  const network = defineChain({
    ...chainOf(deployments),
    caipNetworkId: `eip155:${deployments.chainId}`,
    chainNamespace: 'eip155',
  });
  const adapter = new WagmiAdapter({ networks: [network], projectId });
  const kit = createAppKit({
    adapters: [adapter],
    networks: [network],
    projectId,
    metadata: {
      name: 'PermaNet',
      description: 'AI models on a decentralized network',
      url: location.origin,
      icons: [`${location.origin}/icons/icon-192.png`],
    },
    features: { analytics: false, email: false, socials: false },
  });
  return { kit, adapter };
}

/** Opens AppKit's modal and resolves with the wallet once an account is connected on the chain. */
export async function walletConnectWallet(deployments: Deployments, projectId: string): Promise<ConnectedWallet> {
  appKit ??= setUp(deployments, projectId);
  const { kit, adapter } = appKit;
  const config = adapter.wagmiConfig;
  const connected = new Promise<void>((resolve, reject) => {
    const stopWatching = watchAccount(config, {
      onChange(account) {
        if (account.isConnected) {
          stopWatching();
          stopState();
          resolve();
        }
      },
    });
    const stopState = kit.subscribeState((state) => {
      if (!state.open && !config.state.current) {
        stopWatching();
        stopState();
        reject(new WalletConnectClosedError('The wallet window was closed before an account was connected.'));
      }
    });
  });
  if (!config.state.current) {
    await kit.open();
    await connected;
  }
  return (await getWalletClient(config, { chainId: deployments.chainId })) as unknown as ConnectedWallet;
}
