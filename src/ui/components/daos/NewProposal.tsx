import { createResource, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import { isAddress, type Address } from 'viem';
import type { DaoRecord } from '@permanet/core/chain/actions/daos/list-daos';
import { propose } from '@permanet/core/chain/actions/daos/propose';
import {
  handOnCall,
  policyCall,
  spendCall,
  type ProposedCall,
  type TldPolicy,
} from '@permanet/core/chain/actions/daos/proposal-calls';
import { readTreasury } from '@permanet/core/chain/actions/daos/read-treasury';
import { withdrawEarnings } from '@permanet/core/chain/actions/names/withdraw-earnings';
import { describeError } from '@permanet/core/chain/describe-error';
import { ActionMessage } from '../ActionMessage.tsx';
import { parseJoy, formatJoyAmount } from '../../format.ts';
import { useAppState } from '../../state/app-state.tsx';
import { createChainAction } from '../../state/chain-action.ts';
import { useWallet } from '../../state/wallet.tsx';
import { settled } from '../../state/settled.ts';

type Kind = 'policy' | 'spend' | 'hand-on';

/** The DAO's treasury and TLD policy, and a proposal to change the policy, spend from the treasury
 * or hand the TLD on. Decisions on registrations are proposed beside each pending one. `onProposed`
 * hears each change, and the panel's `version` then reads the treasury again. */
export function NewProposal(props: { dao: DaoRecord; version: number; onProposed: () => void }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const chain = () => app.chain()!;
  const tld = () => ({ label: props.dao.tld, node: props.dao.tldNode });
  // Read again with the panel (`version`): an executed proposal may change the policy or the treasury.
  const [treasury] = createResource(
    () => {
      const c = app.chain();
      return c && { c, version: props.version };
    },
    ({ c }) => readTreasury(c.client, { joy: c.joy, tlds: c.tlds, names: c.names }, props.dao.tldNode),
  );
  const { busy, message, setMessage, run } = createChainAction(props.onProposed);
  const [kind, setKind] = createSignal<Kind>('policy');
  const [price, setPrice] = createSignal('');
  const [needsApproval, setNeedsApproval] = createSignal(true);
  const [to, setTo] = createSignal('');
  const [amount, setAmount] = createSignal('');

  const loaded = () => settled(treasury);
  const submit = () => {
    const t = loaded();
    if (!t) return;
    let call: ProposedCall;
    if (kind() === 'policy') {
      const wei = parseJoy(price());
      if (wei === null) return setMessage({ ok: false, text: 'Enter a yearly price above zero, such as 5.' });
      const [p1, p2, p3, p4] = t.policy.yearlyPrice;
      const policy: TldPolicy = { ...t.policy, yearlyPrice: [p1, p2, p3, p4, wei], needsApproval: needsApproval() };
      call = policyCall(chain().tlds, tld(), policy);
    } else {
      const address = to().trim();
      if (!isAddress(address)) return setMessage({ ok: false, text: `"${address}" is not an address.` });
      if (kind() === 'hand-on') call = handOnCall(chain().tlds, tld(), address as Address);
      else {
        const wei = parseJoy(amount());
        if (wei === null) return setMessage({ ok: false, text: 'Enter an amount of JOY above zero, such as 12.5.' });
        call = spendCall(chain().joy, address as Address, wei);
      }
    }
    void run('Proposal', () => propose(chain().client, wallets.wallet()!, props.dao.governor, [call]));
  };

  return (
    <div class="new-proposal" data-testid="new-proposal">
      <Show when={treasury.error}>
        <p class="error">{describeError(treasury.error)}</p>
      </Show>
      <Show when={loaded()}>
        {(t) => (
          <p data-testid="dao-treasury">
            Treasury {formatJoyAmount(t().balance)}
            <Show when={t().unwithdrawn > 0n}>
              {' '}
              (+ {formatJoyAmount(t().unwithdrawn)} of fees not yet withdrawn{' '}
              <button
                type="button"
                class="quiet"
                disabled={busy()}
                onClick={() =>
                  void run('Withdrawal', () =>
                    withdrawEarnings(chain().client, wallets.wallet()!, chain().names, tld().node),
                  )
                }
                data-testid="dao-withdraw-fees"
              >
                withdraw them to it
              </button>
              )
            </Show>
            ; names of 5+ characters cost {formatJoyAmount(t().policy.yearlyPrice[4])} a year
            {t().policy.needsApproval ? ', each registration approved by vote' : ''}.
          </p>
        )}
      </Show>
      <div class="row">
        <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)} data-testid="proposal-kind">
          <option value="policy">Change the price and rules</option>
          <option value="spend">Spend from the treasury</option>
          <option value="hand-on">Hand the TLD on</option>
        </select>
        <Switch>
          <Match when={kind() === 'policy'}>
            <input
              placeholder="JOY a year, 5+ characters"
              value={price()}
              onInput={(e) => setPrice(e.currentTarget.value)}
              data-testid="proposal-price"
            />
            <label>
              <input
                type="checkbox"
                checked={needsApproval()}
                onChange={(e) => setNeedsApproval(e.currentTarget.checked)}
              />{' '}
              Approve each registration by vote
            </label>
          </Match>
          <Match when={kind() === 'spend'}>
            <input
              placeholder="0x… to"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
              data-testid="proposal-to"
            />
            <input
              placeholder="JOY"
              value={amount()}
              onInput={(e) => setAmount(e.currentTarget.value)}
              data-testid="proposal-amount"
            />
          </Match>
          <Match when={kind() === 'hand-on'}>
            <input
              placeholder="0x… new owner"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
              data-testid="proposal-to"
            />
          </Match>
        </Switch>
        <button type="button" disabled={busy() || !loaded()} onClick={submit} data-testid="proposal-create">
          Propose
        </button>
      </div>
      <ActionMessage message={message()} testId="new-proposal-message" />
    </div>
  );
}
