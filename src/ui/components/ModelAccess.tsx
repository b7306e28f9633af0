import { createEffect, createResource, createSignal, Show, type JSX } from 'solid-js';
import { ActionMessage } from './ActionMessage.tsx';
import { isAddressEqual } from 'viem';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import { readMarketAccount } from '@permanet/core/chain/actions/marketplace/read-market-account';
import { writeMarketplace, type MarketplaceCall } from '@permanet/core/chain/actions/marketplace/write-marketplace';
import { ensureAllowance } from '@permanet/core/chain/actions/joy/ensure-allowance';
import { formatJoy, parseJoy } from '../format.ts';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';
import { WalletPicker } from './WalletPicker.tsx';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

/**
 * Who may run a model, and how to pay: free models and their creators run at once; others buy a
 * perpetual licence, or pay one use from their prepaid balance for this visit to the page.
 */
export function ModelAccess(props: { model: ModelRecord; onAccess: (granted: boolean) => void }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const contracts = () => app.chain()!;
  const client = () => app.chain()!.client;
  const account = () => wallets.wallet()?.account.address ?? null;
  const [view, { refetch }] = createResource(account, (address) =>
    readMarketAccount(client(), contracts(), address, props.model.id),
  );
  const { busy, message, setMessage, run } = createChainAction(() => refetch());
  const [paidUse, setPaidUse] = createSignal(false);
  const [deposit, setDeposit] = createSignal('');

  const free = () => props.model.pricePerUse === 0n;
  const isCreator = () => account() !== null && isAddressEqual(account()!, props.model.creator);
  const granted = () => free() || isCreator() || paidUse() || view()?.licensed === true;
  createEffect(() => props.onAccess(granted()));

  /** Approves the marketplace for `amount` when needed (after checking the balance), then calls it. */
  const pay = (label: string, amount: bigint, call: MarketplaceCall) =>
    run(label, async () => {
      const wallet = wallets.wallet()!;
      const { free: spendable } = await readMarketAccount(client(), contracts(), wallet.account.address);
      if (spendable < amount)
        throw new PermaNetError(`You have ${formatJoy(spendable)} free to spend; ${formatJoy(amount)} is needed.`);
      await ensureAllowance(client(), wallet, contracts().joy, contracts().marketplace, amount);
      await writeMarketplace(client(), wallet, contracts().marketplace, call);
    });

  const payOneUse = () =>
    run('Paid for one use', async () => {
      await writeMarketplace(client(), wallets.wallet()!, contracts().marketplace, {
        functionName: 'useModel',
        args: [props.model.id, props.model.pricePerUse],
      });
      setPaidUse(true);
    });

  return (
    <section class="access" data-testid="access" data-granted={granted()}>
      <h2>Access</h2>
      <Show
        when={free()}
        fallback={
          <p>
            {formatJoy(props.model.pricePerUse)} per use
            {props.model.licencePrice > 0n ? `, or a perpetual licence for ${formatJoy(props.model.licencePrice)}` : ''}
            .
          </p>
        }
      >
        <p data-testid="access-state">Free to use.</p>
      </Show>
      <Show when={!free()}>
        <WalletPicker />
        <Show when={view()}>
          {(v) => (
            <>
              <p data-testid="access-state">
                {isCreator()
                  ? 'You are its creator.'
                  : v().licensed
                    ? 'You hold a licence.'
                    : paidUse()
                      ? 'One use paid for this visit.'
                      : 'You have no licence yet.'}
              </p>
              <dl class="facts">
                <dt>Free JOY</dt>
                <dd data-testid="access-free">{formatJoy(v().free)}</dd>
                <dt>Prepaid</dt>
                <dd data-testid="access-prepaid">{formatJoy(v().prepaid)}</dd>
              </dl>
              <Show when={!granted()}>
                <div class="row">
                  <Show when={props.model.licencePrice > 0n}>
                    <button
                      type="button"
                      disabled={busy()}
                      data-testid="buy-licence"
                      onClick={() =>
                        void pay('Licence bought', props.model.licencePrice, {
                          functionName: 'buyLicence',
                          args: [props.model.id, props.model.licencePrice],
                        })
                      }
                    >
                      Buy a licence ({formatJoy(props.model.licencePrice)})
                    </button>
                  </Show>
                  <button type="button" disabled={busy()} data-testid="pay-use" onClick={() => void payOneUse()}>
                    Pay one use ({formatJoy(props.model.pricePerUse)} from prepaid)
                  </button>
                </div>
                <div class="row">
                  <input
                    type="text"
                    inputmode="decimal"
                    placeholder="JOY to prepay"
                    value={deposit()}
                    onInput={(e) => setDeposit(e.currentTarget.value)}
                    data-testid="deposit-amount"
                  />
                  <button
                    type="button"
                    disabled={busy()}
                    data-testid="deposit"
                    onClick={() => {
                      const wei = parseJoy(deposit());
                      if (wei === null)
                        return setMessage({ ok: false, text: 'Enter an amount of JOY above zero, such as 5.' });
                      void pay('Prepaid', wei, { functionName: 'deposit', args: [wei] });
                    }}
                  >
                    Prepay
                  </button>
                </div>
              </Show>
            </>
          )}
        </Show>
      </Show>
      <ActionMessage message={message()} testId="access-message" />
    </section>
  );
}
