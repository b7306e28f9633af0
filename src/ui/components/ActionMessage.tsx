import { Show, type JSX } from 'solid-js';
import type { ActionMessage as Message } from '../state/chain-action.ts';

/** The outcome of a panel's last chain action: a status line, or an alert when it was refused. */
export function ActionMessage(props: { message: Message | null; testId: string }): JSX.Element {
  return (
    <Show when={props.message}>
      {(m) => (
        <p class={m().ok ? 'status' : 'error'} role={m().ok ? 'status' : 'alert'} data-testid={props.testId}>
          {m().text}
        </p>
      )}
    </Show>
  );
}
