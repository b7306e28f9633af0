import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { isAddress, type Address } from 'viem';
import { createSubdomain } from '@permanet/core/chain/actions/names/create-subdomain';
import { linkModel } from '@permanet/core/chain/actions/names/link-model';
import type { OwnedName } from '@permanet/core/chain/actions/names/list-owned-names';
import { quoteName } from '@permanet/core/chain/actions/names/quote-name';
import { readNameRecords } from '@permanet/core/chain/actions/names/read-name-records';
import { renewName } from '@permanet/core/chain/actions/names/renew-name';
import { resolveName } from '@permanet/core/chain/actions/names/resolve-name';
import { setNameRecords, type RecordChanges } from '@permanet/core/chain/actions/names/set-name-records';
import { transferName } from '@permanet/core/chain/actions/names/transfer-name';
import { describeError } from '@permanet/core/chain/describe-error';
import { ActionMessage } from '../ActionMessage.tsx';
import { ModelChoice } from './ModelChoice.tsx';
import { useAppState } from '../../state/app-state.tsx';
import { createChainAction } from '../../state/chain-action.ts';
import { useWallet } from '../../state/wallet.tsx';
import { settled } from '../../state/settled.ts';

/** The text records the form offers; DNS serves a, aaaa and txt. */
const TEXT_KEYS = ['url', 'description', 'a', 'aaaa', 'txt'];

/** One of the account's names: its records (saved in one transaction), the model it opens, its
 * subdomains, renewal and transfer. `onChange` hears every change, so the list reads again. */
export function NameManager(props: { name: OwnedName; onChange: () => void }): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const chain = () => app.chain()!;
  const wallet = () => wallets.wallet()!;
  const node = () => props.name.node;
  const [records, { refetch }] = createResource(
    () => node(),
    async (n) => {
      const c = chain();
      const [r, resolved] = await Promise.all([
        readNameRecords(c.client, c.names, n, c.deployedAt),
        resolveName(c.client, { names: c.names, models: c.nameModels }, props.name.name),
      ]);
      return { ...r, modelId: resolved.modelId };
    },
  );
  const { busy, message, setMessage, run } = createChainAction(async () => {
    await refetch();
    props.onChange();
  });

  // The records form: what is typed, compared with what is on-chain when saved.
  const [edits, setEdits] = createSignal<Record<string, string>>({});
  const loaded = () => settled(records);
  const current = (key: string) => {
    const r = loaded();
    if (!r) return '';
    if (key === 'address') return r.address ?? '';
    if (key === 'content') return r.contentCid ?? '';
    return r.text[key] ?? '';
  };
  const value = (key: string) => edits()[key] ?? current(key);
  const edit = (key: string, v: string) => setEdits({ ...edits(), [key]: v });
  const saveRecords = () => {
    const changes: RecordChanges = {};
    const changed = (key: string) => edits()[key] !== undefined && edits()[key].trim() !== current(key);
    if (changed('address')) {
      const a = edits().address.trim();
      if (a !== '' && !isAddress(a)) return setMessage({ ok: false, text: `"${a}" is not an address.` });
      changes.address = a === '' ? null : (a as Address);
    }
    if (changed('content')) changes.contentCid = edits().content.trim() || null;
    const text = Object.fromEntries(TEXT_KEYS.filter(changed).map((k) => [k, edits()[k].trim()]));
    if (Object.keys(text).length > 0) changes.text = text;
    void run('Records', async () => {
      await setNameRecords(chain().client, wallet(), chain().names, node(), changes);
      setEdits({});
    });
  };

  const [model, setModel] = createSignal<string | null>(null);
  const saveLink = () => {
    const chosen = model() ?? loaded()?.modelId?.toString() ?? '';
    void run('Model link', () =>
      linkModel(chain().client, wallet(), chain().nameModels, node(), chosen === '' ? null : BigInt(chosen)),
    );
  };

  const [sub, setSub] = createSignal('');
  const [subOwner, setSubOwner] = createSignal('');
  const addSubdomain = () => {
    const owner = (subOwner().trim() || wallet().account.address) as Address;
    if (!isAddress(owner)) return setMessage({ ok: false, text: `"${owner}" is not an address.` });
    void run('Subdomain', () =>
      createSubdomain(chain().client, wallet(), chain().names, props.name, sub().trim().toLowerCase(), owner, {
        address: wallet().account.address,
      }),
    );
  };

  const [years, setYears] = createSignal(1);
  const renew = () =>
    void run('Renewal', async () => {
      const c = chain();
      const quote = await quoteName(c.client, { tlds: c.tlds, names: c.names }, props.name.name, years());
      await renewName(c.client, wallet(), { joy: c.joy, names: c.names }, node(), years(), quote.fee);
    });

  const [to, setTo] = createSignal('');
  const transfer = () => {
    if (!isAddress(to().trim())) return setMessage({ ok: false, text: `"${to()}" is not an address.` });
    void run('Transfer', () => transferName(chain().client, wallet(), chain().names, node(), to().trim() as Address));
  };

  return (
    <div class="name-manager" data-testid="name-manager">
      <Show when={records.error}>
        <p class="error">{describeError(records.error)}</p>
      </Show>
      <form
        class="records"
        onSubmit={(e) => {
          e.preventDefault();
          saveRecords();
        }}
      >
        <label>
          Address{' '}
          <input
            value={value('address')}
            onInput={(e) => edit('address', e.currentTarget.value)}
            data-testid="record-address"
          />
        </label>
        <label>
          Content (IPFS CID){' '}
          <input
            value={value('content')}
            onInput={(e) => edit('content', e.currentTarget.value)}
            data-testid="record-content"
          />
        </label>
        <For each={TEXT_KEYS}>
          {(key) => (
            <label>
              {key}{' '}
              <input
                value={value(key)}
                onInput={(e) => edit(key, e.currentTarget.value)}
                data-testid={`record-${key}`}
              />
            </label>
          )}
        </For>
        <button type="submit" disabled={busy()} data-testid="records-save">
          Save records (one transaction)
        </button>
      </form>
      <div class="row">
        <ModelChoice
          label="Opens"
          value={model() ?? loaded()?.modelId?.toString() ?? ''}
          onChange={setModel}
          none="no model"
          testId="link-model"
        />
        <button type="button" disabled={busy()} onClick={saveLink} data-testid="link-save">
          Save link
        </button>
      </div>
      <div class="row">
        <input
          placeholder="subdomain label"
          value={sub()}
          onInput={(e) => setSub(e.currentTarget.value)}
          data-testid="subdomain-label"
        />
        <input
          placeholder="owner (you)"
          value={subOwner()}
          onInput={(e) => setSubOwner(e.currentTarget.value)}
          data-testid="subdomain-owner"
        />
        <button
          type="button"
          disabled={busy() || sub().trim() === ''}
          onClick={addSubdomain}
          data-testid="subdomain-add"
        >
          Add subdomain
        </button>
      </div>
      <Show when={props.name.registered}>
        <div class="row">
          <label>
            Renew for{' '}
            <input
              type="number"
              min="1"
              value={years()}
              onInput={(e) => setYears(Math.max(1, Number(e.currentTarget.value) || 1))}
              data-testid="renew-years"
            />{' '}
            years
          </label>
          <button type="button" disabled={busy()} onClick={renew} data-testid="renew">
            Renew
          </button>
        </div>
      </Show>
      <div class="row">
        <input
          placeholder="0x… new owner"
          value={to()}
          onInput={(e) => setTo(e.currentTarget.value)}
          data-testid="transfer-to"
        />
        <button type="button" disabled={busy()} onClick={transfer} data-testid="transfer">
          Transfer
        </button>
      </div>
      <ActionMessage message={message()} testId="manage-message" />
    </div>
  );
}
