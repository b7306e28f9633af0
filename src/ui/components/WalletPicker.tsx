import { For, Show, type JSX } from 'solid-js';
import { DEV_ACCOUNT_COUNT } from '@permanet/core/chain/dev-wallet';
import { useWallet } from '../state/wallet.tsx';

/** Choose who acts: a dev account (dev chain only) or the browser's wallet. */
export function WalletPicker(): JSX.Element {
  const state = useWallet();
  return (
    <div class="wallet-picker" data-testid="wallet-picker">
      <Show
        when={state.wallet()}
        fallback={
          <div class="row">
            <Show when={state.isDevChain()}>
              <label>
                Dev account{' '}
                <select
                  data-testid="dev-account"
                  onChange={(e) => void state.choose({ kind: 'dev', index: Number(e.currentTarget.value) })}
                >
                  <option value="">choose…</option>
                  <For each={Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => i)}>
                    {(i) => <option value={i}>#{i}</option>}
                  </For>
                </select>
              </label>
            </Show>
            <button type="button" onClick={() => void state.choose({ kind: 'injected' })}>
              Connect a browser wallet
            </button>
            <Show
              when={state.walletConnect.id}
              fallback={
                <Show when={state.walletConnect.problem}>
                  {(problem) => <small class="field-error">{problem()}</small>}
                </Show>
              }
            >
              <button
                type="button"
                onClick={() => void state.choose({ kind: 'walletconnect' })}
                data-testid="walletconnect"
              >
                WalletConnect…
              </button>
            </Show>
          </div>
        }
      >
        {(wallet) => (
          <div class="row">
            <span class="cid" data-testid="account">
              {wallet().account.address}
            </span>
            <button type="button" class="quiet" onClick={() => state.disconnect()}>
              Disconnect
            </button>
          </div>
        )}
      </Show>
      <Show when={state.error()}>
        <p class="error" role="alert">
          {state.error()}
        </p>
      </Show>
    </div>
  );
}
