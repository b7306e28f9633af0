import { For, type JSX } from 'solid-js';
import { useAppState } from '../../state/app-state.tsx';
import { settled } from '../../state/settled.ts';
import { useWallet } from '../../state/wallet.tsx';

/** A choice among the chosen account's own models (the only ones a name of it may open), or none. */
export function ModelChoice(props: {
  label: string;
  value: string;
  onChange: (modelId: string) => void;
  none: string;
  testId: string;
}): JSX.Element {
  const app = useAppState();
  const wallets = useWallet();
  const mine = () => (settled(app.models)?.models ?? []).filter((m) => m.creator === wallets.wallet()?.account.address);
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} data-testid={props.testId}>
        <option value="">{props.none}</option>
        <For each={mine()}>{(m) => <option value={m.id.toString()}>{m.name}</option>}</For>
      </select>
    </label>
  );
}
