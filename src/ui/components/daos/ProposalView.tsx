import { multiaddr } from '@multiformats/multiaddr';
import { For, Show, type JSX } from 'solid-js';
import { castVote, type Support } from '@permanet/core/chain/actions/daos/cast-vote';
import type { DaoRecord } from '@permanet/core/chain/actions/daos/list-daos';
import type { ProposalRecord } from '@permanet/core/chain/actions/daos/list-proposals';
import { executeProposal, queueProposal } from '@permanet/core/chain/actions/daos/carry-out-proposal';
import { signBallot } from '@permanet/core/chain/actions/daos/sign-ballot';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';
import { sendBallot } from '@permanet/core/protocols/ballot';
import { ActionMessage } from '../ActionMessage.tsx';
import { useAppState } from '../../state/app-state.tsx';
import { createChainAction } from '../../state/chain-action.ts';
import { useWallet } from '../../state/wallet.tsx';
import { formatJoyAmount } from '../../format.ts';

/** Ballots signed in this tab, one after another: each takes the voter's next nonce, which the
 * previous one must have used on-chain first. */
let signing: Promise<unknown> = Promise.resolve();

const CHOICES: [Support, string][] = [
  [1, 'For'],
  [0, 'Against'],
  [2, 'Abstain'],
];

/** One proposal: its state, tallies and window; voting on it (from the account, or as a signed
 * ballot a relay sends, paying the gas), and queueing and executing it once it passed. */
export function ProposalView(props: { dao: DaoRecord; proposal: ProposalRecord; onChange: () => void }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const chain = () => app.chain()!;
  const p = () => props.proposal;
  const { busy, message, run } = createChainAction(props.onChange);
  /** Only with votes at the snapshot: a vote of no weight would spend the account's one vote. */
  const canVote = () => wallets.wallet() && p().state === 'Active' && p().hasVoted === false && (p().weight ?? 0n) > 0n;

  /** Signs the ballot, and hands it to each connected relay in turn until one casts it. */
  const signAndSend = async (support: Support) => {
    const ballot = await signBallot(chain().client, wallets.wallet()!, props.dao.governor, p().id, support);
    const node = await app.browserNode();
    const relays = app.relays().filter((r) => r.state === 'connected');
    if (relays.length === 0) throw new PermaNetError('no relay is connected to send the ballot');
    const refusals: string[] = [];
    for (const relay of relays) {
      try {
        return await sendBallot(node.libp2p, multiaddr(relay.address), ballot);
      } catch (error) {
        refusals.push(messageOf(error));
      }
    }
    throw new PermaNetError(`no relay cast the ballot: ${refusals.join('; ')}`);
  };

  const voteBySignature = (support: Support) =>
    run('Signed vote', () => {
      const turn = signing.then(() => signAndSend(support));
      signing = turn.catch(() => {});
      return turn;
    });
  return (
    <div class="proposal" id={`proposal-${p().id}`} data-testid="proposal">
      <p>
        <strong data-testid="proposal-description">{p().description}</strong>{' '}
        <span class="badge" data-testid="proposal-state">
          {p().state}
        </span>
      </p>
      <p data-testid="proposal-tally">
        For {formatJoyAmount(p().votes.for)}, against {formatJoyAmount(p().votes.against)}, abstain{' '}
        {formatJoyAmount(p().votes.abstain)}
        <Show when={p().quorum !== null}>; quorum {formatJoyAmount(p().quorum!)}</Show>
      </p>
      <small>
        Voting {p().voteStart.toLocaleString()} – {p().voteEnd.toLocaleString()}
        <Show when={p().eta}>{(eta) => <>; executable from {eta().toLocaleString()}</>}</Show>
        <Show when={p().hasVoted}>; you voted</Show>
        <Show when={p().state === 'Active' && p().weight === 0n}>; you had no votes when it opened</Show>
      </small>
      <Show when={canVote()}>
        <div class="row">
          <For each={CHOICES}>
            {([support, label]) => (
              <button
                type="button"
                disabled={busy()}
                onClick={() =>
                  void run('Vote', () =>
                    castVote(chain().client, wallets.wallet()!, props.dao.governor, p().id, support),
                  )
                }
                data-testid={`vote-${label.toLowerCase()}`}
              >
                {label}
              </button>
            )}
          </For>
          <For each={CHOICES.slice(0, 2)}>
            {([support, label]) => (
              <button
                type="button"
                class="quiet"
                disabled={busy()}
                onClick={() => void voteBySignature(support)}
                data-testid={`sign-${label.toLowerCase()}`}
              >
                Sign “{label}” (no gas)
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={wallets.wallet() && p().state === 'Succeeded'}>
        <button
          type="button"
          disabled={busy()}
          onClick={() =>
            void run('Queue', () => queueProposal(chain().client, wallets.wallet()!, props.dao.governor, p()))
          }
          data-testid="proposal-queue"
        >
          Queue
        </button>
      </Show>
      <Show when={wallets.wallet() && p().state === 'Queued'}>
        <button
          type="button"
          disabled={busy()}
          onClick={() =>
            void run('Execution', () => executeProposal(chain().client, wallets.wallet()!, props.dao.governor, p()))
          }
          data-testid="proposal-execute"
        >
          Execute
        </button>
      </Show>
      <ActionMessage message={message()} testId="proposal-message" />
    </div>
  );
}
