import { createResource, createSignal, type JSX } from 'solid-js';
import { ActionMessage } from '../components/ActionMessage.tsx';
import { isAddress, type Address } from 'viem';
import { readStake } from '@permanet/core/chain/actions/joy/read-stake';
import { writeJoy, type JoyCall } from '@permanet/core/chain/actions/joy/write-joy';
import { AccountView } from '../components/AccountView.tsx';
import { parseJoy, formatJoyAmount } from '../format.ts';
import { createChainAction } from '../state/chain-action.ts';
import { useAppState } from '../state/app-state.tsx';
import { useWallet } from '../state/wallet.tsx';

const withdrawableFrom = (readyAt: Date | null) => (readyAt ? `, withdrawable from ${readyAt.toLocaleString()}` : '');

/** Stake JOY, see the cooldown, withdraw after it, delegate votes. */
export default function StakeRoute(): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const client = () => app.chain()!.client;
  const token = () => app.chain()!.joy;
  const [view, { refetch }] = createResource(
    () => (app.config() && wallets.wallet() ? wallets.wallet()!.account.address : null),
    (account) => readStake(client(), token(), account),
  );
  const [amount, setAmount] = createSignal('');
  const [delegatee, setDelegatee] = createSignal('');
  const { busy, message, setMessage, run } = createChainAction(() => refetch());
  const act = (label: string, call: JoyCall) => run(label, () => writeJoy(client(), wallets.wallet()!, token(), call));
  const withAmount = (label: string, functionName: 'stake' | 'requestUnstake') => {
    const wei = parseJoy(amount());
    if (wei === null) return setMessage({ ok: false, text: 'Enter an amount of JOY above zero, such as 12.5.' });
    void act(label, { functionName, args: [wei] });
  };

  return (
    <section class="stake">
      <h1>Stake JOY</h1>
      <p class="lead">
        Staked JOY stays in your balance and keeps its votes; it cannot move until you ask for it back and the cooldown
        passes.
      </p>
      <AccountView view={view}>
        {(v) => (
          <>
            <dl class="facts" data-testid="stake-view">
              <dt>Balance</dt>
              <dd data-testid="balance">{formatJoyAmount(v().balance)}</dd>
              <dt>Free to move</dt>
              <dd data-testid="free">{formatJoyAmount(v().free)}</dd>
              <dt>Staked</dt>
              <dd data-testid="staked">{formatJoyAmount(v().staked)}</dd>
              <dt>Locked (slashable)</dt>
              <dd data-testid="locked">{formatJoyAmount(v().locked)}</dd>
              <dt>Unbonding</dt>
              <dd data-testid="unbonding">
                {formatJoyAmount(v().unbonding)}
                {withdrawableFrom(v().unbondingReadyAt)} (cooldown {Math.round(v().cooldownSeconds / 60)} min)
              </dd>
              <dt>Votes</dt>
              <dd data-testid="votes">{formatJoyAmount(v().votes)}</dd>
              <dt>Delegate</dt>
              <dd class="cid" data-testid="delegate">
                {/^0x0+$/.test(v().delegate) ? 'nobody yet: delegate to count your votes' : v().delegate}
              </dd>
            </dl>
            <div class="row">
              <input
                type="text"
                inputmode="decimal"
                placeholder="Amount of JOY"
                value={amount()}
                onInput={(e) => setAmount(e.currentTarget.value)}
                data-testid="stake-amount"
              />
              <button type="button" disabled={busy()} onClick={() => withAmount('Stake', 'stake')} data-testid="stake">
                Stake
              </button>
              <button
                type="button"
                disabled={busy()}
                onClick={() => withAmount('Unstake request', 'requestUnstake')}
                data-testid="unstake"
              >
                Ask to unstake
              </button>
              <button
                type="button"
                disabled={busy()}
                onClick={() => void act('Withdrawal', { functionName: 'withdraw', args: [] })}
                data-testid="withdraw"
              >
                Withdraw
              </button>
            </div>
            <div class="row">
              <button
                type="button"
                disabled={busy()}
                onClick={() =>
                  void act('Delegation', { functionName: 'delegate', args: [wallets.wallet()!.account.address] })
                }
                data-testid="delegate-self"
              >
                Delegate to myself
              </button>
              <input
                type="text"
                placeholder="0x… another account"
                value={delegatee()}
                onInput={(e) => setDelegatee(e.currentTarget.value)}
                data-testid="delegatee"
              />
              <button
                type="button"
                disabled={busy()}
                data-testid="delegate-other"
                onClick={() =>
                  isAddress(delegatee())
                    ? void act('Delegation', { functionName: 'delegate', args: [delegatee() as Address] })
                    : setMessage({ ok: false, text: 'That is not an address.' })
                }
              >
                Delegate
              </button>
            </div>
          </>
        )}
      </AccountView>
      <ActionMessage message={message()} testId="stake-message" />
    </section>
  );
}
