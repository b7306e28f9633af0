import { createResource, For, Show, type JSX } from 'solid-js';
import { listDaos } from '@permanet/core/chain/actions/daos/list-daos';
import { describeError } from '@permanet/core/chain/describe-error';
import { DaoPanel } from '../components/daos/DaoPanel.tsx';
import { WalletPicker } from '../components/WalletPicker.tsx';
import { useAppState } from '../state/app-state.tsx';
import { settled } from '../state/settled.ts';

/** DAOs: each TLD a DAO governs, with its members' stake, the registrations waiting for it, and its
 * proposals: join by staking, propose, vote (on-chain, or signed and sent by a relay), queue, execute. */
export default function DaosRoute(): JSX.Element {
  const app = useAppState();
  const [daos] = createResource(
    () => app.chain(),
    (c) => listDaos(c.client, { daos: c.daos, tlds: c.tlds }, c.deployedAt),
  );
  const loaded = () => settled(daos);
  return (
    <section class="daos">
      <h1>DAOs</h1>
      <p class="lead">
        A DAO’s members stake JOY to vote on every registration under its TLD, on its rules and on its treasury.
      </p>
      <WalletPicker />
      <Show when={daos.error}>
        <p class="error">{describeError(daos.error)}</p>
      </Show>
      <Show when={loaded()?.length === 0}>
        <p class="notice">No TLD is governed by a DAO yet.</p>
      </Show>
      <For each={loaded()}>{(dao) => <DaoPanel dao={dao} />}</For>
    </section>
  );
}
