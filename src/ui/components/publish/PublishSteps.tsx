import { For, type JSX } from 'solid-js';
import type { PublishStep, StepReport } from '../../../marketplace/publish/publish-model.ts';

const TITLES: Record<PublishStep, string> = {
  store: 'Store in this browser (IPFS)',
  pin: 'Pin on the relays',
  register: 'Register on-chain',
};
const MARKS = { pending: '○', running: '…', done: '✓', failed: '✗' } as const;

/** The publish steps with each one's state and what it last reported. */
export function PublishSteps(props: { reports: Partial<Record<PublishStep, StepReport>> }): JSX.Element {
  return (
    <ol class="publish-steps" data-testid="publish-steps">
      <For each={Object.keys(TITLES) as PublishStep[]}>
        {(step) => {
          const state = () => props.reports[step]?.state ?? 'pending';
          return (
            <li class={`step ${state()}`} data-testid={`step-${step}`} data-state={state()}>
              <span class="mark" aria-hidden="true">
                {MARKS[state()]}
              </span>{' '}
              <strong>{TITLES[step]}</strong>
              <div class="detail">{props.reports[step]?.detail ?? ''}</div>
            </li>
          );
        }}
      </For>
    </ol>
  );
}

/** What a saved draft says each step has done (a page reload shows where the publish stopped). */
export function reportsOfDraft(draft: {
  pins: { ok: boolean }[] | null;
  registration: { id: string | null } | null;
  weightsCid: string;
  cardCid: string;
}): Partial<Record<PublishStep, StepReport>> {
  const reports: Partial<Record<PublishStep, StepReport>> = {
    store: { step: 'store', state: 'done', detail: `Weights ${draft.weightsCid}, card ${draft.cardCid}` },
  };
  if (draft.pins?.some((p) => p.ok)) reports.pin = { step: 'pin', state: 'done', detail: 'Pinned' };
  else if (draft.pins) reports.pin = { step: 'pin', state: 'failed', detail: 'No relay pinned the model yet' };
  if (draft.registration?.id != null)
    reports.register = { step: 'register', state: 'done', detail: `Registered as model #${draft.registration.id}` };
  else if (draft.registration)
    reports.register = { step: 'register', state: 'running', detail: 'Sent; its receipt was not read yet' };
  return reports;
}
