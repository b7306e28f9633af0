import { createSignal, Show, type JSX } from 'solid-js';
import type { ModelSpec } from '@permanet/core/inference/model-spec';
import { float32Tensor, type Feeds } from '@permanet/core/inference/tensors';
import type { RunResult } from '@permanet/core/inference/worker-protocol';
import { PermaNetError, messageOf } from '@permanet/core/errors/permanet-error';

/** For people who have their own tensor: paste the first input as a JSON list of numbers. */
export function RawTensorInput(props: {
  spec: ModelSpec;
  run: (feeds: Feeds) => Promise<RunResult>;
  ready: boolean;
}): JSX.Element {
  const [text, setText] = createSignal('');
  const [output, setOutput] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const input = () => props.spec.inputs[0];
  const usable = () => props.spec.inputs.length === 1 && input().type === 'float32';

  const run = async () => {
    setError(null);
    setOutput(null);
    try {
      let values: unknown;
      try {
        values = JSON.parse(text());
      } catch {
        throw new PermaNetError('The input is not JSON: write a list of numbers such as [0, 0.5, 1]');
      }
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new PermaNetError('The input must be a flat JSON list of finite numbers');
      }
      const { outputs, ms } = await props.run({ [input().name]: float32Tensor(input(), Float32Array.from(values)) });
      const first = outputs[props.spec.outputs[0].name];
      setOutput(
        `${props.spec.outputs[0].name} [${first.dims.join(', ')}] in ${ms.toFixed(2)} ms: ` +
          `${JSON.stringify(Array.from(first.data as Float32Array, (v) => Number(v.toFixed(6))))}`,
      );
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Show when={usable()}>
      <details class="raw-input">
        <summary>Run on a tensor of your own</summary>
        <p class="hint">
          {input().name}: float32, shape [
          {input()
            .shape.map((d) => (typeof d === 'number' ? d : 1))
            .join(', ')}
          ], as a flat JSON list.
        </p>
        <textarea
          rows={4}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="raw-input"
          placeholder="[0, 0, 0.5, …]"
        />
        <button type="button" disabled={!props.ready} onClick={() => void run()} data-testid="raw-run">
          Run
        </button>
        <Show when={error()}>
          <p class="error" role="alert" data-testid="raw-error">
            {error()}
          </p>
        </Show>
        <Show when={output()}>
          <pre class="raw-output" data-testid="raw-output">
            {output()}
          </pre>
        </Show>
      </details>
    </Show>
  );
}
