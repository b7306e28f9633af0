import { createMemo, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { listOwnedNames } from '@permanet/core/chain/actions/names/list-owned-names';
import { describeError } from '@permanet/core/chain/describe-error';
import { useAppState } from '../../state/app-state.tsx';
import { useWallet } from '../../state/wallet.tsx';
import { NameManager } from './NameManager.tsx';
import { settled } from '../../state/settled.ts';

/** The names the chosen account holds, each opened to manage it. `version` changes read it again. */
export function OwnedNames(props: { version: number }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const [names, { refetch }] = createResource(
    () => {
      const c = app.chain();
      const w = wallets.wallet();
      return c && w ? { c, account: w.account.address, version: props.version } : null;
    },
    ({ c, account }) => listOwnedNames(c.client, { tlds: c.tlds, names: c.names }, account, c.deployedAt),
  );
  const [open, setOpen] = createSignal<string | null>(null);
  /** The list for the account chosen now; none without one. */
  const loaded = () => (wallets.wallet() ? settled(names) : undefined);
  // Listed by name, so that reading the list again keeps each open manager (and what is typed in it).
  const byName = createMemo(() => new Map((loaded() ?? []).map((n) => [n.name, n])));
  return (
    <>
      <Show when={names.error}>
        <p class="error">{describeError(names.error)}</p>
      </Show>
      <Show when={loaded()}>
        {(list) => (
          <section class="owned-names" data-testid="owned-names">
            <h2>Your names</h2>
            <Show when={list().length > 0} fallback={<p class="notice">This account holds no names yet.</p>}>
              <ul>
                <For each={list().map((n) => n.name)}>
                  {(key) => {
                    const name = () => byName().get(key)!;
                    return (
                      <li data-testid="owned-name">
                        <button
                          type="button"
                          class="quiet"
                          onClick={() => setOpen(open() === key ? null : key)}
                          data-testid={`manage-${key}`}
                        >
                          {key}
                        </button>{' '}
                        <small data-testid="owned-expires">until {name().expires.toLocaleDateString()}</small>
                        <Show when={open() === key}>
                          <NameManager name={name()} onChange={() => void refetch()} />
                        </Show>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}
