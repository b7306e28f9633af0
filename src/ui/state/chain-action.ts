// One chain action at a time per panel: a busy flag to disable its buttons, and the outcome as
// one sentence (the contract's error turned into words when it refuses).
import { createSignal } from 'solid-js';
import { describeError } from '@permanet/core/chain/describe-error';

export interface ActionMessage {
  ok: boolean;
  text: string;
}

export function createChainAction(afterEach: () => unknown = () => {}) {
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<ActionMessage | null>(null);
  const run = async (label: string, work: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMessage({ ok: true, text: `${label}: done.` });
    } catch (error) {
      setMessage({ ok: false, text: describeError(error) });
    } finally {
      setBusy(false);
      await afterEach();
    }
  };
  return { busy, message, setMessage, run };
}
