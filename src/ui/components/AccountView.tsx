import { Show, type JSX, type Resource } from 'solid-js';
import { describeError } from '@permanet/core/chain/describe-error';
import { useWallet } from '../state/wallet.tsx';
import { WalletPicker } from './WalletPicker.tsx';

/** The account picker, then what was read for the chosen account (or why it could not be read). */
export function AccountView<T>(props: { view: Resource<T>; children: (view: () => T) => JSX.Element }): JSX.Element {
  const wallets = useWallet();
  return (
    <>
      <WalletPicker />
      <Show when={props.view.error}>
        <p class="error" role="alert">
          {describeError(props.view.error)}
        </p>
      </Show>
      <Show when={wallets.wallet() && props.view()}>{(_) => props.children(() => props.view()!)}</Show>
    </>
  );
}
