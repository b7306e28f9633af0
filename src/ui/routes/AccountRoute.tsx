import { A } from '@solidjs/router';
import { ActionMessage } from '../components/ActionMessage.tsx';
import { createResource, For, Show, type JSX } from 'solid-js';
import { isAddressEqual } from 'viem';
import { readMarketAccount } from '@permanet/core/chain/actions/marketplace/read-market-account';
import { writeMarketplace, type MarketplaceCall } from '@permanet/core/chain/actions/marketplace/write-marketplace';
import { AccountView } from '../components/AccountView.tsx';
import { formatJoy, formatTerms } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';

/** An account's money in the marketplace: JOY, prepaid uses, royalties earned, and its models. */
export default function AccountRoute(): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const client = () => app.chain()!.client;
  const contracts = () => app.chain()!;
  const account = () => (app.config() ? (wallets.wallet()?.account.address ?? null) : null);
  const [view, { refetch }] = createResource(account, (address) => readMarketAccount(client(), contracts(), address));
  const { busy, message, run } = createChainAction(() => Promise.all([refetch(), app.refreshModels()]));
  const act = (label: string, call: MarketplaceCall) =>
    run(label, () => writeMarketplace(client(), wallets.wallet()!, contracts().marketplace, call));
  const mine = () =>
    (app.models()?.models ?? []).filter((m) => account() !== null && isAddressEqual(m.creator, account()!));

  return (
    <section class="account">
      <h1>Account</h1>
      <p class="lead">Your JOY, what you prepaid for uses, and the royalties your models earned.</p>
      <AccountView view={view}>
        {(v) => (
          <>
            <dl class="facts" data-testid="account-view">
              <dt>Free JOY</dt>
              <dd data-testid="account-free">{formatJoy(v().free)}</dd>
              <dt>Prepaid for uses</dt>
              <dd data-testid="account-prepaid">{formatJoy(v().prepaid)}</dd>
              <dt>Royalties earned</dt>
              <dd data-testid="account-earnings">{formatJoy(v().earnings)}</dd>
            </dl>
            <div class="row">
              <button
                type="button"
                disabled={busy() || v().earnings === 0n}
                data-testid="withdraw-earnings"
                onClick={() => void act('Royalties withdrawn', { functionName: 'withdrawEarnings', args: [] })}
              >
                Withdraw royalties
              </button>
              <button
                type="button"
                disabled={busy() || v().prepaid === 0n}
                data-testid="withdraw-prepaid"
                onClick={() =>
                  void act('Prepaid JOY withdrawn', { functionName: 'withdrawPrepaid', args: [v().prepaid] })
                }
              >
                Withdraw prepaid JOY
              </button>
            </div>
            <h2>Your models</h2>
            <Show
              when={mine().length > 0}
              fallback={
                <p class="notice">
                  None yet. <A href="/publish">Publish one</A>.
                </p>
              }
            >
              <ul data-testid="my-models">
                <For each={mine()}>
                  {(m) => (
                    <li>
                      <A href={`/model/${m.id}`}>{m.name}</A>: {m.uses} use{m.uses === 1 ? '' : 's'},{' '}
                      {formatTerms(m.pricePerUse, m.licencePrice)}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </AccountView>
      <ActionMessage message={message()} testId="account-message" />
    </section>
  );
}
