import { createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { InferenceClient } from '../../inference/inference-client.ts';
import type { InspectResult, ValueInfo } from '../../inference/worker-protocol.ts';
import { MAX_MODEL_BYTES } from '../../marketplace/publish-limits.ts';
import { formatBytes } from '../format.ts';

const shape = (v: ValueInfo) => `[${v.shape.map((d) => (d === '' ? '?' : d)).join(', ')}]`;

/** Publishing, step 1: check that a file is an ONNX model and read what it takes and gives. */
export default function PublishRoute(): JSX.Element {
  const client = new InferenceClient();
  onCleanup(() => client.terminate());
  const [file, setFile] = createSignal<{ name: string; size: number } | null>(null);
  const [io, setIo] = createSignal<InspectResult | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const check = async (chosen: File) => {
    setFile({ name: chosen.name, size: chosen.size });
    setIo(null);
    setError(null);
    if (chosen.size === 0) return setError(`${chosen.name} is empty.`);
    if (chosen.size > MAX_MODEL_BYTES) {
      return setError(`${chosen.name} is ${formatBytes(chosen.size)}; models up to ${formatBytes(MAX_MODEL_BYTES)} can be published (the relays' pin limit).`);
    }
    setBusy(true);
    try {
      setIo(await client.inspect(new Uint8Array(await chosen.arrayBuffer())));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const table = (title: string, values: ValueInfo[], testId: string) => (
    <table class="io" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr><th>name</th><th>type</th><th>shape</th></tr>
      </thead>
      <tbody>
        <For each={values}>{(v) => <tr><td>{v.name}</td><td>{v.type}</td><td>{shape(v)}</td></tr>}</For>
      </tbody>
    </table>
  );

  return (
    <section class="publish">
      <h1>Publish a model</h1>
      <p class="lead">First, the file: an ONNX model up to {formatBytes(MAX_MODEL_BYTES)}, checked here in your browser before anything is shared.</p>
      <label class="file">
        ONNX file
        <input type="file" accept=".onnx,application/octet-stream" data-testid="onnx-file" onChange={(e) => e.currentTarget.files?.[0] && void check(e.currentTarget.files[0])} />
      </label>
      <Show when={busy()}>
        <p class="notice">Checking {file()?.name}…</p>
      </Show>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="onnx-error">{error()}</p>
      </Show>
      <Show when={io()}>
        {(model) => (
          <div data-testid="onnx-ok">
            <p class="status">
              {file()!.name} ({formatBytes(file()!.size)}) is an ONNX model onnxruntime loads.
            </p>
            {table('Inputs', model().inputs, 'onnx-inputs')}
            {table('Outputs', model().outputs, 'onnx-outputs')}
          </div>
        )}
      </Show>
    </section>
  );
}
