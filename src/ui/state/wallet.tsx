// The account the person acts with: a dev account on the dev chain, or their browser wallet.
// The choice is remembered; the wallet itself is re-created on each visit.
import { createContext, createSignal, useContext, type ParentProps } from 'solid-js';
import type { ConnectedWallet } from '@permanet/core/chain/dev-wallet';
import { DEV_CHAIN_ID } from '@permanet/core/chain/dev-chain';
import { describeError } from '@permanet/core/chain/describe-error';
import { useAppState } from './app-state.tsx';
import { walletConnectProjectId } from '../../config/walletconnect.ts';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

export type WalletChoice = { kind: 'dev'; index: number } | { kind: 'injected' } | { kind: 'walletconnect' };

/** The WalletConnect project id from .env, or why WalletConnect is not offered. */
function readProjectId(): { id: string | null; problem: string | null } {
  try {
    return { id: walletConnectProjectId(import.meta.env.VITE_WALLETCONNECT_PROJECT_ID), problem: null };
  } catch (error) {
    return { id: null, problem: messageOf(error) };
  }
}
const KEY = 'permanet:wallet';

function createWalletState() {
  const app = useAppState();
  const [wallet, setWallet] = createSignal<ConnectedWallet | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const isDevChain = () => app.config()?.deployments.chainId === DEV_CHAIN_ID;
  const walletConnect = readProjectId();

  const choose = async (choice: WalletChoice) => {
    const config = app.config();
    if (!config) return;
    setError(null);
    try {
      // Loaded on first use: key derivation and wallet code stay out of the first paint.
      if (choice.kind === 'dev')
        setWallet((await import('@permanet/core/chain/dev-wallet')).devWallet(config.deployments, choice.index));
      else if (choice.kind === 'injected')
        setWallet(await (await import('../../chain/wallet/injected-wallet.ts')).injectedWallet(config.deployments));
      else {
        if (walletConnect.id === null)
          throw new PermaNetError(
            walletConnect.problem ?? 'WalletConnect is not configured: set VITE_WALLETCONNECT_PROJECT_ID in .env',
          );
        setWallet(
          await (await import('../../chain/wallet/walletconnect-wallet.ts')).walletConnectWallet(
            config.deployments,
            walletConnect.id,
          ),
        );
      }
      localStorage.setItem(KEY, JSON.stringify(choice));
    } catch (e) {
      setError(describeError(e));
    }
  };
  const disconnect = () => {
    setWallet(null);
    localStorage.removeItem(KEY);
  };
  /** Restores a dev-account choice silently; a browser wallet waits for the person to ask. */
  const restore = () => {
    const saved = localStorage.getItem(KEY);
    const choice = saved ? (JSON.parse(saved) as WalletChoice) : null;
    if (choice?.kind === 'dev' && isDevChain()) void choose(choice);
  };
  return { wallet, error, isDevChain, walletConnect, choose, disconnect, restore };
}

export type WalletState = ReturnType<typeof createWalletState>;
const WalletContext = createContext<WalletState>();

export function WalletProvider(props: ParentProps) {
  return <WalletContext.Provider value={createWalletState()}>{props.children}</WalletContext.Provider>;
}

export function useWallet(): WalletState {
  const state = useContext(WalletContext);
  if (!state) throw new PermaNetError('useWallet needs a WalletProvider');
  return state;
}
