import { For, Show, type JSX } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { ModelRecord } from '@permanet/core/chain/actions/marketplace/model-record';
import type { Presentation } from '@permanet/core/inference/model-spec';
import {
  MAX_DERIVATIVE_ROYALTY_PERCENT,
  type FormField,
  type PublishForm,
} from '../../../marketplace/publish/publish-form.ts';

const PRESENTATION_NAMES: Record<Presentation, string> = {
  'digit-canvas': 'Draw a digit (28×28 canvas)',
  'speech-activity': 'Speech activity (audio file)',
  tensor: 'Numbers in, numbers out',
};

interface Props {
  form: PublishForm;
  setForm: SetStoreFunction<PublishForm>;
  errors: Partial<Record<FormField, string>>;
  presentations: Presentation[];
  models: ModelRecord[];
}

/** The model card and the terms, each field with its own error. */
export function ModelCardFields(props: Props): JSX.Element {
  const field = (name: FormField, label: string, input: JSX.Element, hint?: string) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `input`, passed in
    <label class="field">
      <span>{label}</span>
      {input}
      <Show when={hint}>
        <small class="hint">{hint}</small>
      </Show>
      <Show when={props.errors[name]}>
        <small class="field-error" role="alert" data-testid={`error-${name}`}>
          {props.errors[name]}
        </small>
      </Show>
    </label>
  );
  const text = (name: Exclude<FormField, 'presentation'>, label: string, hint?: string) =>
    field(
      name,
      label,
      <input
        type="text"
        data-testid={`field-${name}`}
        value={props.form[name]}
        onInput={(e) => props.setForm(name, e.currentTarget.value)}
      />,
      hint,
    );
  const area = (name: 'description' | 'intendedUse' | 'limitations' | 'source', label: string) =>
    field(
      name,
      label,
      <textarea
        rows={3}
        data-testid={`field-${name}`}
        value={props.form[name]}
        onInput={(e) => props.setForm(name, e.currentTarget.value)}
      />,
    );

  return (
    <fieldset class="card-fields">
      <legend>The model card</legend>
      {text('name', 'Name', 'Unique in the marketplace')}
      {text('task', 'Task', 'Such as image-classification')}
      {area('description', 'Description')}
      {text('licence', 'Licence', 'An SPDX identifier or the terms')}
      {area('source', 'Source: where the weights come from')}
      {area('intendedUse', 'Intended use (optional)')}
      {area('limitations', 'Limitations (optional)')}
      {field(
        'presentation',
        'How people run it',
        <select
          data-testid="field-presentation"
          value={props.form.presentation}
          onChange={(e) => props.setForm('presentation', e.currentTarget.value as Presentation)}
        >
          <For each={props.presentations}>{(p) => <option value={p}>{PRESENTATION_NAMES[p]}</option>}</For>
        </select>,
      )}
      {text('labels', 'Output labels (optional)', 'Comma-separated, one per output value')}
      <legend>Terms</legend>
      {text('pricePerUse', 'Price per use (JOY)', 'Empty for free')}
      {text('licencePrice', 'Perpetual licence (JOY)', 'Empty to sell no licence')}
      {text('royaltyPercent', 'Royalty asked of derivatives (%)', `0 to ${MAX_DERIVATIVE_ROYALTY_PERCENT}`)}
      {field(
        'parentId',
        'Derived from (optional)',
        <select
          data-testid="field-parentId"
          value={props.form.parentId}
          onChange={(e) => props.setForm('parentId', e.currentTarget.value)}
        >
          <option value="">an original model</option>
          <For each={props.models}>
            {(m) => (
              <option value={m.id.toString()}>
                #{m.id.toString()} {m.name}
              </option>
            )}
          </For>
        </select>,
      )}
    </fieldset>
  );
}
