import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { quoteName } from '@permanet/core/chain/actions/names/quote-name';
import { commitName, newRegistration, revealName } from '@permanet/core/chain/actions/names/register-name';
import { messageOf } from '@permanet/core/errors/permanet-error';
import { ipfsContenthash } from '@permanet/core/names/contenthash';
import { normalizeName } from '@permanet/core/names/normalize-name';
import { clearPending, loadPending, savePending, type PendingRegistration } from '../../names/pending-registration.ts';
import { ActionMessage } from '../components/ActionMessage.tsx';
import { ModelChoice } from '../components/names/ModelChoice.tsx';
import { OwnedNames } from '../components/names/OwnedNames.tsx';
import { WalletPicker } from '../components/WalletPicker.tsx';
import { useAppState } from '../state/app-state.tsx';
import { createChainAction } from '../state/chain-action.ts';
import { useWallet } from '../state/wallet.tsx';
import { formatJoyAmount } from '../format.ts';
import { settled } from '../state/settled.ts';

/** Names: a name's availability, price and rules; registering it in two confirmations (a commitment,
 * then the reveal that pays, sets the records and links a model), resumable after a reload; and the
 * account's names, to manage. */
export default function NamesRoute(): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const [typed, setTyped] = createSignal('');
  const [years, setYears] = createSignal(1);
  const [submitted, setSubmitted] = createSignal<string | null>(null);
  const [pointAtMe, setPointAtMe] = createSignal(true);
  const [modelId, setModelId] = createSignal('');
  const [content, setContent] = createSignal('');
  const account = () => wallets.wallet()?.account.address ?? null;
  const chain = () => app.chain();

  const normalized = createMemo(() => {
    const text = submitted();
    if (text === null) return null;
    try {
      return { name: normalizeName(text), error: null };
    } catch (error) {
      return { name: null, error: messageOf(error) };
    }
  });
  const [quote, { refetch }] = createResource(
    () => {
      const c = chain();
      const name = normalized()?.name;
      return c && name ? { c, name, years: years() } : null;
    },
    ({ c, name, years }) => quoteName(c.client, { tlds: c.tlds, names: c.names }, name, years),
  );
  const ready = () => settled(quote);

  // The registration between its commitment and its reveal, for the chosen account.
  const [pending, setPending] = createSignal<PendingRegistration | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 500);
  onCleanup(() => clearInterval(timer));
  createEffect(() => {
    const c = chain();
    const a = account();
    setPending(c && a ? loadPending(c.names, a) : null);
  });
  /** Seconds until the reveal is accepted (one more than the registry's minimum, for clock skew). */
  const waitLeft = () => {
    const p = pending();
    return p ? Math.max(0, Math.ceil((p.committedAt + (p.minAgeSeconds + 1) * 1000 - now()) / 1000)) : null;
  };
  const [done, setDone] = createSignal<{ name: string; pending: boolean } | null>(null);
  const [registered, setRegistered] = createSignal(0);
  const { busy, message, run } = createChainAction(() => refetch());

  const commit = () => {
    const c = chain()!;
    const q = ready()!;
    const wallet = wallets.wallet()!;
    return run('Commitment', async () => {
      const registration = newRegistration(wallet.account.address, q.label, q.tld, years(), {
        address: pointAtMe() ? wallet.account.address : undefined,
        contenthash: content().trim() === '' ? undefined : ipfsContenthash(content()),
        modelId: modelId() === '' ? undefined : BigInt(modelId()),
      });
      await commitName(c.client, wallet, c.names, registration);
      const p = {
        name: `${q.label}.${q.tld}`,
        registration,
        fee: q.fee,
        committedAt: Date.now(),
        minAgeSeconds: q.minCommitmentAgeSeconds,
        needsApproval: q.needsApproval,
      };
      savePending(c.names, wallet.account.address, p);
      setPending(p);
    });
  };
  const reveal = () => {
    const c = chain()!;
    const p = pending()!;
    const wallet = wallets.wallet()!;
    return run('Registration', async () => {
      await revealName(c.client, wallet, { joy: c.joy, names: c.names }, p.registration, p.fee);
      clearPending(c.names, wallet.account.address);
      setPending(null);
      setDone({ name: p.name, pending: p.needsApproval });
      setRegistered(registered() + 1);
    });
  };

  return (
    <section class="names">
      <h1>Names</h1>
      <p class="lead">A name under a PermaNet TLD opens a model in the app and resolves over DNS through any relay.</p>
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          setDone(null);
          setSubmitted(typed());
        }}
      >
        <input
          type="search"
          placeholder="digits.ai"
          value={typed()}
          onInput={(e) => setTyped(e.currentTarget.value)}
          data-testid="name-query"
        />
        <button type="submit" data-testid="name-search">
          Look up
        </button>
      </form>
      <Show when={normalized()?.error ?? (quote.error && messageOf(quote.error))}>
        {(error) => (
          <p class="error" data-testid="name-invalid">
            {error()}
          </p>
        )}
      </Show>
      <Show when={ready()}>
        {(q) => (
          <dl class="facts" data-testid="name-quote">
            <dt>Name</dt>
            <dd data-testid="quote-name">
              {q().label}.{q().tld}
            </dd>
            <dt>Status</dt>
            <dd data-testid="quote-status">
              {q().reserved ? 'reserved by the TLD' : q().available ? 'available' : 'taken'}
            </dd>
            <dt>Price</dt>
            <dd data-testid="quote-price">
              {formatJoyAmount(q().fee)} for {years()} year{years() === 1 ? '' : 's'} (
              {formatJoyAmount(q().platformPart)} to the platform)
            </dd>
            <dt>Rules</dt>
            <dd data-testid="quote-rules">
              {q().minYears} to {q().maxYears} years, {Math.round(q().gracePeriodSeconds / 86_400)} days of grace
              {q().needsApproval ? '; each registration waits for the DAO’s vote' : ''}
            </dd>
          </dl>
        )}
      </Show>
      <WalletPicker />
      <Show when={wallets.wallet() && ready()?.available && !pending()}>
        <div class="register">
          <label>
            Years{' '}
            <input
              type="number"
              min={ready()!.minYears}
              max={ready()!.maxYears}
              value={years()}
              onInput={(e) => setYears(Math.max(1, Number(e.currentTarget.value) || 1))}
              data-testid="name-years"
            />
          </label>
          <label>
            <input type="checkbox" checked={pointAtMe()} onChange={(e) => setPointAtMe(e.currentTarget.checked)} />{' '}
            Point it at my address
          </label>
          <label>
            Content (IPFS CID, for DNSLink){' '}
            <input value={content()} onInput={(e) => setContent(e.currentTarget.value)} data-testid="name-content" />
          </label>
          <Show when={ready()!.modelLinks}>
            <ModelChoice
              label="Open my model"
              value={modelId()}
              onChange={setModelId}
              none="none"
              testId="name-model"
            />
          </Show>
          <button type="button" disabled={busy()} onClick={commit} data-testid="name-commit">
            Register (1 of 2: commit)
          </button>
        </div>
      </Show>
      <Show when={pending()}>
        {(p) => (
          <div class="register" data-testid="name-pending">
            <p>
              {p().name}: committed.{' '}
              <Show when={waitLeft()} fallback="Ready to register.">
                {(left) => <>Registering opens in {left()} s (front-runners cannot see the name meanwhile).</>}
              </Show>
            </p>
            <button type="button" disabled={busy() || (waitLeft() ?? 1) > 0} onClick={reveal} data-testid="name-reveal">
              Register (2 of 2: pay {formatJoyAmount(p().fee)})
            </button>
          </div>
        )}
      </Show>
      <Show when={done()}>
        {(d) => (
          <Show
            when={!d().pending}
            fallback={
              <p class="notice" data-testid="name-registered">
                {d().name} waits for its DAO’s vote; the fee is held until then, and refunded if it is rejected.{' '}
                <A href="/daos">See its proposal</A>.
              </p>
            }
          >
            <p class="notice" data-testid="name-registered">
              {d().name} is yours. <A href={`/n/${d().name}`}>Open it</A>.
            </p>
          </Show>
        )}
      </Show>
      <ActionMessage message={message()} testId="name-message" />
      <OwnedNames version={registered()} />
    </section>
  );
}
