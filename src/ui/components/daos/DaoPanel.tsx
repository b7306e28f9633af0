import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import type { DaoRecord } from '@permanet/core/chain/actions/daos/list-daos';
import {
  listPendingRegistrations,
  type PendingRegistration,
} from '@permanet/core/chain/actions/daos/list-pending-registrations';
import { listProposals } from '@permanet/core/chain/actions/daos/list-proposals';
import { propose } from '@permanet/core/chain/actions/daos/propose';
import { decisionCall } from '@permanet/core/chain/actions/daos/proposal-calls';
import { readMembership } from '@permanet/core/chain/actions/daos/read-membership';
import { stakeInDao, withdrawFromDao } from '@permanet/core/chain/actions/daos/stake-in-dao';
import { describeError } from '@permanet/core/chain/describe-error';
import { ActionMessage } from '../ActionMessage.tsx';
import { parseJoy, formatJoyAmount } from '../../format.ts';
import { useAppState } from '../../state/app-state.tsx';
import { createChainAction } from '../../state/chain-action.ts';
import { useWallet } from '../../state/wallet.tsx';
import { NewProposal } from './NewProposal.tsx';
import { ProposalView } from './ProposalView.tsx';
import { settled } from '../../state/settled.ts';

/** One DAO: the account's stake and votes, the registrations waiting for a decision (each with its
 * proposal, or buttons to propose one), and the proposals. */
export function DaoPanel(props: { dao: DaoRecord }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const chain = () => app.chain()!;
  const account = () => wallets.wallet()?.account.address ?? null;
  const [version, setVersion] = createSignal(0);
  const [state] = createResource(
    () => ({ account: account(), version: version() }),
    async ({ account }) => {
      const c = chain();
      const [membership, pending, proposals] = await Promise.all([
        account && readMembership(c.client, { joy: c.joy, votes: props.dao.votes }, account),
        listPendingRegistrations(c.client, c.names, { label: props.dao.tld, node: props.dao.tldNode }, c.deployedAt),
        listProposals(c.client, { governor: props.dao.governor, names: c.names }, account, c.deployedAt),
      ]);
      return { membership, pending, proposals };
    },
  );
  const loaded = () => settled(state);
  const refresh = () => setVersion(version() + 1);
  const proposalById = createMemo(() => new Map((loaded()?.proposals ?? []).map((p) => [p.id, p])));
  const { busy, message, setMessage, run } = createChainAction(refresh);
  const [amount, setAmount] = createSignal('');
  const withAmount = (label: string, act: (wei: bigint) => Promise<unknown>) => {
    const wei = parseJoy(amount());
    if (wei === null) return setMessage({ ok: false, text: 'Enter an amount of JOY above zero, such as 12.5.' });
    void run(label, () => act(wei));
  };
  const decide = (p: PendingRegistration, approve: boolean) =>
    void run('Proposal', () =>
      propose(chain().client, wallets.wallet()!, props.dao.governor, [decisionCall(chain().names, p, approve)]),
    );
  const proposalFor = (node: string) => loaded()?.proposals.filter((p) => p.decides?.node === node) ?? [];
  /** A decision still under way; once one is defeated, expired or cancelled, another may be proposed. */
  const decidingNow = (node: string) =>
    proposalFor(node).some((p) => ['Pending', 'Active', 'Succeeded', 'Queued'].includes(p.state));

  return (
    <article class="dao" data-testid={`dao-${props.dao.tld}`}>
      <h2>.{props.dao.tld}</h2>
      <Show when={state.error}>
        <p class="error">{describeError(state.error)}</p>
      </Show>
      <Show when={loaded()?.membership}>
        {(m) => (
          <div class="membership">
            <dl class="facts">
              <dt>Your stake</dt>
              <dd data-testid="dao-staked">{formatJoyAmount(m().staked)}</dd>
              <dt>Your votes</dt>
              <dd data-testid="dao-votes">{formatJoyAmount(m().votes)}</dd>
              <dt>All staked</dt>
              <dd data-testid="dao-total">{formatJoyAmount(m().totalStaked)}</dd>
            </dl>
            <div class="row">
              <input
                placeholder="JOY"
                value={amount()}
                onInput={(e) => setAmount(e.currentTarget.value)}
                data-testid="dao-amount"
              />
              <button
                type="button"
                disabled={busy()}
                onClick={() =>
                  withAmount('Stake', (wei) =>
                    stakeInDao(chain().client, wallets.wallet()!, { joy: chain().joy, votes: props.dao.votes }, wei),
                  )
                }
                data-testid="dao-stake"
              >
                {m().staked === 0n ? 'Join (stake)' : 'Stake more'}
              </button>
              <button
                type="button"
                class="quiet"
                disabled={busy() || m().staked === 0n}
                onClick={() =>
                  withAmount('Withdrawal', (wei) =>
                    withdrawFromDao(chain().client, wallets.wallet()!, props.dao.votes, wei),
                  )
                }
                data-testid="dao-withdraw"
              >
                Withdraw
              </button>
            </div>
            <small>Votes on a proposal count the stake held when its vote opened.</small>
          </div>
        )}
      </Show>
      <h3>Waiting for a decision</h3>
      <Show when={loaded()?.pending.length === 0}>
        <p class="notice">No registration is waiting.</p>
      </Show>
      <ul>
        <For each={loaded()?.pending}>
          {(p) => (
            <li data-testid="dao-pending">
              <strong>{p.name}</strong> for <span class="cid">{p.owner}</span>, {formatJoyAmount(p.fee)} held until{' '}
              {p.decideBy.toLocaleDateString()}{' '}
              <Show
                when={!decidingNow(p.node)}
                fallback={
                  <For each={proposalFor(p.node)}>
                    {(proposal) => (
                      <a href={`#proposal-${proposal.id}`} data-testid="pending-proposal">
                        {proposal.description}: {proposal.state}
                      </a>
                    )}
                  </For>
                }
              >
                <Show when={wallets.wallet()}>
                  <button type="button" disabled={busy()} onClick={() => decide(p, true)} data-testid="propose-approve">
                    Propose approval
                  </button>
                  <button
                    type="button"
                    class="quiet"
                    disabled={busy()}
                    onClick={() => decide(p, false)}
                    data-testid="propose-reject"
                  >
                    Propose rejection
                  </button>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <ActionMessage message={message()} testId="dao-message" />
      <Show when={wallets.wallet()}>
        <NewProposal dao={props.dao} version={version()} onProposed={refresh} />
      </Show>
      <h3>Proposals</h3>
      <Show when={loaded()?.proposals.length === 0}>
        <p class="notice">No proposals yet.</p>
      </Show>
      {/* Listed by id, so that reading them again keeps each view and its last message. */}
      <For each={loaded()?.proposals.map((p) => p.id)}>
        {(id) => <ProposalView dao={props.dao} proposal={proposalById().get(id)!} onChange={refresh} />}
      </For>
      <button type="button" class="quiet" onClick={refresh} data-testid="dao-refresh">
        Refresh
      </button>
    </article>
  );
}
